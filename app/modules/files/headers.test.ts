import { describe, expect, it } from "vitest";
import { asciiFallbackName, contentDisposition } from "./headers";

describe("contentDisposition", () => {
  it("keeps the Vietnamese name in filename* and gives an ASCII fallback", () => {
    expect(contentDisposition("inline", "Ảnh mặt trước – Mỳ gạo Chũ.jpg")).toBe(
      "inline; filename=\"Anh mat truoc _ My gao Chu.jpg\"; filename*=UTF-8''%E1%BA%A2nh%20m%E1%BA%B7t%20tr%C6%B0%E1%BB%9Bc%20%E2%80%93%20M%E1%BB%B3%20g%E1%BA%A1o%20Ch%C5%A9.jpg",
    );
  });
  it("cannot be broken out of by quotes, semicolons or percent signs", () => {
    expect(asciiFallbackName('a"b;c%41\\d.pdf')).toBe("a_b_c_41_d.pdf");
    expect(contentDisposition("attachment", "Đơn (bản 1)'s.pdf")).toBe(
      "attachment; filename=\"Don (ban 1)'s.pdf\"; filename*=UTF-8''%C4%90%C6%A1n%20%28b%E1%BA%A3n%201%29%27s.pdf",
    );
  });
});
