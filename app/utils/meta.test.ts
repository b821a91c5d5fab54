import { describe, expect, it } from "vitest";
import { getT } from "./i18n";
import { buildMeta, errorTitleKey, localeAlternates, metaLocale, pageMeta, pageTitle, titleMeta } from "./meta";

const vi = getT("vi");
const en = getT("en");
const args = (locale: unknown, extra: Record<string, unknown> = {}) =>
  ({
    matches: [{ id: "root", data: { locale } }],
    location: { pathname: "/admin/rounds/r1/jury", search: "?tab=invite", hash: "", state: null, key: "k" },
    params: { roundId: "r1" },
    data: undefined,
    error: undefined,
    ...extra,
  }) as never;

describe("pageTitle", () => {
  it("names the page, then what it is about, then the site", () => {
    expect(pageTitle(vi, [vi("jury.page.title"), "Bình chọn tỉnh Bắc Ninh 2026"])).toBe(
      `${vi("jury.page.title")} — Bình chọn tỉnh Bắc Ninh 2026 — Tiêu Biểu`,
    );
  });
  it("leaves out empty parts and repeats", () => {
    expect(pageTitle(vi, [null, "  ", undefined, false, "Mỳ gạo Chũ", "Mỳ gạo Chũ"])).toBe("Mỳ gạo Chũ — Tiêu Biểu");
    expect(pageTitle(vi, "Đăng nhập")).toBe("Đăng nhập — Tiêu Biểu");
  });
});

describe("metaLocale", () => {
  it("reads the root loader's language and falls back to Vietnamese", () => {
    expect(metaLocale([{ id: "root", data: { locale: "en" } }])).toBe("en");
    expect(metaLocale([{ id: "root", data: { locale: "fr" } }])).toBe("vi");
    expect(metaLocale([])).toBe("vi");
  });
});

describe("buildMeta", () => {
  it("writes title, description, canonical, both language alternates and extras", () => {
    const tags = buildMeta(vi, "/products?q=my", {
      title: "Sổ đăng ký",
      description: "Các sản phẩm đã được công nhận",
      canonical: "https://tieubieu.example/products?q=my",
      extra: [{ httpEquiv: "refresh", content: "5" }],
    });
    expect(tags).toEqual([
      { title: "Sổ đăng ký — Tiêu Biểu" },
      { name: "description", content: "Các sản phẩm đã được công nhận" },
      { tagName: "link", rel: "canonical", href: "https://tieubieu.example/products?q=my" },
      { tagName: "link", rel: "alternate", hrefLang: "vi", href: "/vi?to=%2Fproducts%3Fq%3Dmy" },
      { tagName: "link", rel: "alternate", hrefLang: "en", href: "/en?to=%2Fproducts%3Fq%3Dmy" },
      { httpEquiv: "refresh", content: "5" },
    ]);
  });
  it("has no description or canonical tags when none is given", () => {
    const tags = buildMeta(vi, "/", { title: "Trang" });
    expect(tags.some((t) => "name" in t && t.name === "description")).toBe(false);
    expect(tags.some((t) => "rel" in t && t.rel === "canonical")).toBe(false);
  });
  it("alternates come back to the same path", () => {
    expect(localeAlternates("/a b")).toEqual([
      { tagName: "link", rel: "alternate", hrefLang: "vi", href: "/vi?to=%2Fa%20b" },
      { tagName: "link", rel: "alternate", hrefLang: "en", href: "/en?to=%2Fa%20b" },
    ]);
  });
});

describe("pageMeta and titleMeta", () => {
  it("translate in the reader's language and use the current path", () => {
    const meta = titleMeta("auth.login.title");
    expect(meta(args("en"))?.[0]).toEqual({ title: `${en("auth.login.title")} — ${en("app.name")}` });
    expect(meta(args("vi"))?.[0]).toEqual({ title: `${vi("auth.login.title")} — Tiêu Biểu` });
    expect(meta(args("vi"))).toContainEqual({
      tagName: "link",
      rel: "alternate",
      hrefLang: "en",
      href: "/en?to=%2Fadmin%2Frounds%2Fr1%2Fjury%3Ftab%3Dinvite",
    });
  });
  it("name the round from loader data", () => {
    const meta = pageMeta<unknown>(({ t, data }) => ({
      title: [t("jury.page.title"), (data as { round?: { name: string } } | undefined)?.round?.name],
    }));
    expect(meta(args("vi", { data: { round: { name: "Bắc Ninh 2026" } } }))?.[0]).toEqual({
      title: `${vi("jury.page.title")} — Bắc Ninh 2026 — Tiêu Biểu`,
    });
    expect(meta(args("vi"))?.[0]).toEqual({ title: `${vi("jury.page.title")} — Tiêu Biểu` });
  });
  it("say what went wrong first on an error page", () => {
    const meta = titleMeta("jury.page.title");
    expect(meta(args("vi", { error: { status: 404 } }))?.[0]).toEqual({
      title: `${vi("error.404.title")} — ${vi("jury.page.title")} — Tiêu Biểu`,
    });
    expect(errorTitleKey({ status: 403 })).toBe("error.403.title");
    expect(errorTitleKey(new Error("boom"))).toBe("error.title");
  });
});
