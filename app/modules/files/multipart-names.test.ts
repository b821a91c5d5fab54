import { describe, expect, it } from "vitest";
import { MultipartNameTap, rawFilename } from "./multipart-names";

const enc = (s: string) => new TextEncoder().encode(s);

function body(boundary: string, parts: { headers: string; content: string }[]) {
  return parts.map((p) => `--${boundary}\r\n${p.headers}\r\n\r\n${p.content}\r\n`).join("") + `--${boundary}--\r\n`;
}

describe("rawFilename", () => {
  it("reads quoted, escaped and bare names, and tells text fields apart", () => {
    expect(rawFilename('Content-Disposition: form-data; name="f"; filename="../../a.jpg"')).toBe("../../a.jpg");
    expect(rawFilename('content-disposition: form-data; name="f"; filename="say \\"hi\\".jpg"')).toBe('say "hi".jpg');
    expect(rawFilename("Content-Disposition: form-data; name=f; filename=/etc/passwd")).toBe("/etc/passwd");
    expect(rawFilename('Content-Disposition: form-data; name="kind"')).toBeNull();
    expect(rawFilename("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''a.jpg")).toBeNull();
  });
});

describe("MultipartNameTap", () => {
  const boundary = "----WebKitFormBoundaryAbC123";
  const text = body(boundary, [
    { headers: 'Content-Disposition: form-data; name="kind"', content: "PHOTO" },
    {
      headers:
        'Content-Disposition: form-data; name="file"; filename="C:\\Users\\an\\Ảnh mặt trước.jpg"\r\nContent-Type: image/jpeg',
      content: "\xff\xd8\xff binary --not-a-boundary\r\n--Web",
    },
    { headers: 'Content-Disposition: form-data; name="file"; filename="../x.pdf"', content: "%PDF-1.7" },
  ]);

  it("records one entry per part, in order, with the names as sent", () => {
    const tap = new MultipartNameTap(boundary);
    tap.feed(enc(text));
    expect(tap.names).toEqual([null, "C:\\Users\\an\\Ảnh mặt trước.jpg", "../x.pdf"]);
  });

  it("gives the same answer however the body is cut into chunks", () => {
    const bytes = enc(text);
    for (const size of [1, 2, 3, 7, 16, 64]) {
      const tap = new MultipartNameTap(boundary);
      for (let i = 0; i < bytes.length; i += size) tap.feed(bytes.subarray(i, i + size));
      expect(tap.names, `chunks of ${size}`).toEqual([null, "C:\\Users\\an\\Ảnh mặt trước.jpg", "../x.pdf"]);
    }
  });
});
