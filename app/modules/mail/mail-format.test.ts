import { describe, expect, test } from "vitest";
import { catalog } from "~/locales/tables";
import { brandSubject, linkParts, renderMailHtml, retryDelayMs, SUBJECT_PREFIX } from "./mail-format";

describe("subjects", () => {
  test("get the [Tiêu Biểu] prefix once, on one line", () => {
    expect(brandSubject("Giấy chứng nhận đã được cấp")).toBe("[Tiêu Biểu] Giấy chứng nhận đã được cấp");
    expect(brandSubject("[Tiêu Biểu] Đặt lại mật khẩu")).toBe("[Tiêu Biểu] Đặt lại mật khẩu");
    expect(brandSubject("Dòng một\r\nBcc: x@example.vn")).toBe("[Tiêu Biểu] Dòng một Bcc: x@example.vn");
  });

  test("every mail subject in both languages carries the prefix already (issue #13 item 7)", () => {
    for (const locale of ["vi", "en"] as const) {
      const keys = Object.values(catalog![locale]).flatMap((ns) => Object.entries(ns as Record<string, string>));
      const subjects = keys.filter(([key]) => /(^|\.)mail\..*\.subject$/.test(key));
      expect(subjects.length).toBeGreaterThanOrEqual(15);
      for (const [key, text] of subjects) expect(`${key}: ${text}`).toContain(`${key}: ${SUBJECT_PREFIX} `);
    }
  });
});

describe("links", () => {
  test("web addresses are found without the punctuation that ends a sentence", () => {
    expect(linkParts("Xem tại https://tieubieu.vn/a?b=1. Cảm ơn")).toEqual([
      { text: "Xem tại " },
      { text: "https://tieubieu.vn/a?b=1", href: "https://tieubieu.vn/a?b=1" },
      { text: ". Cảm ơn" },
    ]);
    expect(linkParts("(http://x.vn/a)")).toEqual([
      { text: "(" },
      { text: "http://x.vn/a", href: "http://x.vn/a" },
      { text: ")" },
    ]);
    expect(linkParts("javascript:alert(1) và ftp://x.vn")).toEqual([{ text: "javascript:alert(1) và ftp://x.vn" }]);
  });
});

describe("the HTML part", () => {
  test("escapes the text, keeps paragraphs and line breaks, links addresses, fits a phone", () => {
    const html = renderMailHtml({
      subject: "[Tiêu Biểu] <Thử>",
      text: "Kính gửi <script>alert(1)</script>,\nDòng hai\n\nhttps://tieubieu.vn/x?a=1&b=2\n\n- Vải (GCN-1)",
      locale: "en",
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>[Tiêu Biểu] &lt;Thử&gt;</title>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("Kính gửi &lt;script&gt;alert(1)&lt;/script&gt;,<br>\nDòng hai</p>");
    // An address on its own is a large tap target.
    expect(html).toMatch(
      /<a href="https:\/\/tieubieu\.vn\/x\?a=1&amp;b=2" style="display:inline-block;[^"]*padding:12px 16px/,
    );
    expect(html).toContain("max-width:600px");
    expect(html).toContain('name="viewport"');
  });
});

describe("backoff", () => {
  test("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 30_000, 300_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
    expect(retryDelayMs(1000, 30_000, 3_600_000)).toBe(3_600_000);
  });
});
