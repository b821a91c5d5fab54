import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts the demo password", () => {
    expect(passwordProblem("TieuBieu@2026", "producer@tieubieu.test")).toBeNull();
  });
  it.each([
    ["short1", "auth.password.tooShort"],
    ["onlyletterslong", "auth.password.needsLetterAndDigit"],
    ["12345678901234", "auth.password.needsLetterAndDigit"],
    ["Password123", "auth.password.common"],
    ["x".repeat(120) + "1234567890", "auth.password.tooLong"],
  ])("rejects %s", (pw, key) => {
    expect(passwordProblem(pw)).toBe(key);
  });
  it("rejects a password containing the email's name", () => {
    expect(passwordProblem("nguyenvana2026", "nguyenvana@example.vn")).toBe("auth.password.containsEmail");
  });
  it("counts Vietnamese letters as letters", () => {
    expect(passwordProblem("mậtkhẩuđẹp2026")).toBeNull();
  });
});
