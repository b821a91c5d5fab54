import { describe, expect, it } from "vitest";
import { hasPathTraversal, safeFileName, sniffType } from "./sniff";

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe("sniffType", () => {
  it("recognises the four allowed types by their magic bytes", () => {
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe("image/jpeg");
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffType(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(sniffType(ascii("%PDF-1.7\n"))).toBe("application/pdf");
  });
  it("refuses a Windows executable renamed to .jpg, empty input, HTML and SVG", () => {
    expect(sniffType(ascii("MZ\u0090\u0000\u0003"))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
    expect(sniffType(ascii("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffType(ascii("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffType(ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "))).toBeNull();
  });
});

describe("file names", () => {
  it("keeps Vietnamese, drops paths and forces the sniffed extension", () => {
    expect(safeFileName("Ảnh mặt trước.JPG", "image/jpeg")).toBe("Ảnh mặt trước.jpg");
    expect(safeFileName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\a\\giay-phep.exe", "application/pdf")).toBe("giay-phep.pdf");
    expect(safeFileName('x"\u0000<y>.png', "image/png")).toBe("xy.png");
    expect(safeFileName("...", "image/png")).toBe("tep.png");
  });
  it("detects traversal attempts", () => {
    expect(hasPathTraversal("../a.jpg")).toBe(true);
    expect(hasPathTraversal("a/../../b.pdf")).toBe(true);
    expect(hasPathTraversal("/etc/passwd")).toBe(true);
    expect(hasPathTraversal("C:\\x.pdf")).toBe(true);
    expect(hasPathTraversal("anh..mat-truoc.jpg")).toBe(false);
    expect(hasPathTraversal("ảnh.jpg")).toBe(false);
  });
});
