import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates";

describe("dates in Asia/Ho_Chi_Minh", () => {
  it("formats as dd/mm/yyyy", () => {
    expect(formatDate(new Date("2024-05-13T03:00:00Z"))).toBe("13/05/2024");
  });
  it("uses Vietnam's day, not UTC's, near midnight", () => {
    // 31/12/2027 20:00 UTC is already 01/01/2028 03:00 in Hà Nội (UTC+7).
    expect(formatDate("2027-12-31T20:00:00Z")).toBe("01/01/2028");
    expect(formatDateTime("2027-12-31T20:00:00Z")).toBe("01/01/2028 03:00");
  });
  it("renders nothing for a missing date", () => {
    expect(formatDate(null)).toBe("");
  });
});
