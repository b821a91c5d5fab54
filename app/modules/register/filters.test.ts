import { describe, expect, it } from "vitest";
import {
  API_DEFAULT_PAGE_SIZE,
  hasFilters,
  parseApiParams,
  parseRegisterFilters,
  Q_MAX_LENGTH,
  registerSearch,
  searchWords,
  serialQuery,
} from "./filters";

describe("parseRegisterFilters", () => {
  it("reads every filter, normalising case", () => {
    const { filters, invalid } = parseRegisterFilters(
      new URLSearchParams(
        "q=  Mỳ  gạo Chũ &province=bn&region=north&group=b&level=province&year=2024&status=VALID&sort=name&page=3",
      ),
    );
    expect(invalid).toEqual([]);
    expect(filters).toEqual({
      q: "Mỳ gạo Chũ",
      province: "BN",
      region: "NORTH",
      group: "B",
      level: "PROVINCE",
      year: 2024,
      status: "valid",
      sort: "name",
      page: 3,
    });
  });

  it("accepts former province codes", () => {
    expect(parseRegisterFilters({ province: "F-BG" }).filters.province).toBe("F-BG");
  });

  it("treats empty fields (what a GET form sends for 'all') as absent, not invalid", () => {
    const { filters, invalid } = parseRegisterFilters(
      new URLSearchParams("q=&province=&region=&group=&level=&year=&status=&sort=&page="),
    );
    expect(invalid).toEqual([]);
    expect(filters).toEqual({ sort: "newest", page: 1 });
  });

  it("drops bad values and lists them, never throws", () => {
    const { filters, invalid } = parseRegisterFilters(
      new URLSearchParams("page=-3&level=FOO&year=abc&status=maybe&group=E&region=WEST&province=Bac%20Ninh&sort=price"),
    );
    expect(filters).toEqual({ sort: "newest", page: 1 });
    expect(invalid).toEqual(["province", "region", "group", "level", "year", "status", "sort", "page"]);
  });

  it("refuses out-of-range numbers and non-integers", () => {
    for (const year of ["1999", "2101", "2024.5", "1e3", "99999999999"]) {
      expect(parseRegisterFilters({ year }).invalid).toEqual(["year"]);
    }
    for (const page of ["0", "1.5", "100001", "NaN", "Infinity"]) {
      expect(parseRegisterFilters({ page }).filters.page).toBe(1);
    }
  });

  it("cuts a long search instead of refusing it", () => {
    const { filters, invalid } = parseRegisterFilters({ q: "a".repeat(500) });
    expect(invalid).toEqual([]);
    expect(filters.q).toHaveLength(Q_MAX_LENGTH);
    expect(parseRegisterFilters({ q: "   " }).filters.q).toBeUndefined();
  });
});

describe("parseApiParams", () => {
  it("defaults and bounds pageSize", () => {
    expect(parseApiParams({}).pageSize).toBe(API_DEFAULT_PAGE_SIZE);
    expect(parseApiParams({ pageSize: "100" }).pageSize).toBe(100);
    const tooBig = parseApiParams({ pageSize: "101" });
    expect(tooBig.invalid).toEqual(["pageSize"]);
    expect(parseApiParams({ pageSize: "0", page: "x" }).invalid).toEqual(["page", "pageSize"]);
  });
});

describe("searchWords", () => {
  it("normalises like searchText: no diacritics, lower case, đ → d, unique words", () => {
    expect(searchWords("Vải thiều LỤC NGẠN")).toEqual(["vai", "thieu", "luc", "ngan"]);
    expect(searchWords("Đông  Thương, đông")).toEqual(["dong", "thuong"]);
    expect(searchWords("mỳ gạo Chũ")).toEqual(["my", "gao", "chu"]);
    expect(searchWords("% _ ' \"")).toEqual([]);
    expect(searchWords("vải-thiều, Miền Trung – Tây Nguyên")).toEqual([
      "vai",
      "thieu",
      "mien",
      "trung",
      "tay",
      "nguyen",
    ]);
    expect(searchWords(undefined)).toEqual([]);
  });
  it("keeps at most 8 words", () => {
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });
});

describe("serialQuery", () => {
  it("recognises a certificate serial typed in any case", () => {
    expect(serialQuery(" gcn-bn-2024-0007 ")).toBe("GCN-BN-2024-0007");
    expect(serialQuery("mỳ gạo")).toBeNull();
    expect(serialQuery("GCN")).toBeNull();
  });
});

describe("registerSearch", () => {
  it("builds a canonical query: fixed order, defaults left out", () => {
    expect(registerSearch({ sort: "newest", page: 1 })).toBe("");
    expect(registerSearch({ status: "valid", province: "BN", q: "mỳ gạo", sort: "newest", page: 1 })).toBe(
      "?q=m%E1%BB%B3+g%E1%BA%A1o&province=BN&status=valid",
    );
    expect(registerSearch({ group: "B", sort: "level", page: 2 })).toBe("?group=B&sort=level&page=2");
  });
  it("round-trips through the parser", () => {
    const filters = {
      q: "vải thiều",
      province: "F-BG",
      region: "NORTH",
      group: "B",
      level: "REGION",
      year: 2024,
      status: "expired",
      sort: "province",
      page: 4,
    } as const;
    expect(parseRegisterFilters(new URLSearchParams(registerSearch(filters))).filters).toEqual(filters);
  });
  it("applies overrides (another page, an API page size)", () => {
    expect(registerSearch({ year: 2024, sort: "newest", page: 3 }, { page: 1 })).toBe("?year=2024");
    expect(registerSearch({ sort: "newest", page: 1 }, { page: 2, pageSize: 10 })).toBe("?page=2&pageSize=10");
  });
});

describe("hasFilters", () => {
  it("ignores sort and page", () => {
    expect(hasFilters({ sort: "name", page: 3 })).toBe(false);
    expect(hasFilters({ year: 2024 })).toBe(true);
  });
});
