import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageSearch, paging, parsePage } from "./paging";

describe("parsePage", () => {
  it("accepts positive integers", () => {
    expect(parsePage("1")).toBe(1);
    expect(parsePage("7")).toBe(7);
    expect(parsePage(3)).toBe(3);
  });
  it("falls back to page 1 for anything else", () => {
    for (const bad of [
      null,
      undefined,
      "",
      "0",
      "-2",
      "abc",
      "1.5",
      "NaN",
      "Infinity",
      "9".repeat(30),
      "1;drop",
      [],
      {},
    ]) {
      expect(parsePage(bad)).toBe(1);
    }
  });
});

describe("paging", () => {
  it("computes skip/take and the number of pages", () => {
    expect(paging(1, 0)).toEqual({ page: 1, pages: 1, total: 0, skip: 0, take: PAGE_SIZE });
    expect(paging(1, 20)).toMatchObject({ pages: 1, skip: 0 });
    expect(paging(2, 21)).toMatchObject({ page: 2, pages: 2, skip: 20, take: 20 });
    expect(paging(3, 45, 10)).toMatchObject({ page: 3, pages: 5, skip: 20, take: 10 });
  });
  it("clamps a page past the end to the last page, and below 1 to 1", () => {
    expect(paging(99, 41)).toMatchObject({ page: 3, pages: 3, skip: 40 });
    expect(paging(0, 41)).toMatchObject({ page: 1, skip: 0 });
    expect(paging(Number.NaN, 41)).toMatchObject({ page: 1, skip: 0 });
  });
});

describe("pageSearch", () => {
  it("keeps other params and drops page=1", () => {
    expect(pageSearch("q=ha&page=2", 3)).toBe("?q=ha&page=3");
    expect(pageSearch("q=ha&page=2", 1)).toBe("?q=ha");
    expect(pageSearch("", 1)).toBe("");
    expect(pageSearch(new URLSearchParams({ status: "pending", to: "a@b.vn" }), 2)).toBe(
      "?status=pending&to=a%40b.vn&page=2",
    );
  });
});
