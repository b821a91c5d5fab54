// The one way a route writes its <head> metadata (issue #13 item 6, issue #16 item 7): every page
// gets its own <title> — what the page is, then the round or product it is about, then
// " — Tiêu Biểu" (WCAG 2.4.2) — an optional description, and the two language alternates.
// The language comes from the root loader's data, so meta renders the same on the server and in
// the browser. See docs/decisions/031-landing-onboarding-and-page-titles.md.
import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/react";
import { DEFAULT_LOCALE, getT, isLocale, LOCALES, type Locale, type MessageKey, type TFunction } from "./i18n";

/** A piece of a title; empty pieces (no loader data yet, an error page) are left out. */
export type TitlePart = string | null | undefined | false;

export interface PageMeta {
  /** The page, then what it is about (round, product…), most specific first. */
  title: TitlePart | readonly TitlePart[];
  description?: string | null;
  /** An absolute canonical URL, for public pages that have one. */
  canonical?: string | null;
  /** Anything else a page needs in its head (a refresh, robots…). */
  extra?: readonly MetaDescriptor[];
}

export const TITLE_SEPARATOR = " — ";

/** The reader's language, from the root loader's data (Vietnamese when it is missing). */
export function metaLocale(matches: ReadonlyArray<{ id: string; data?: unknown }>): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** "Page — Round — Tiêu Biểu": the non-empty parts, each once, then the site's name. */
export function pageTitle(t: TFunction, title: PageMeta["title"]): string {
  const parts = (Array.isArray(title) ? title : [title]) as readonly TitlePart[];
  const kept: string[] = [];
  for (const part of parts) {
    const text = typeof part === "string" ? part.trim() : "";
    if (text && !kept.includes(text)) kept.push(text);
  }
  return [...kept, t("app.name")].join(TITLE_SEPARATOR);
}

/**
 * The language alternates of a path. The language is a preference kept in a cookie, not a part
 * of the URL, so each alternate is the shareable /vi or /en link that sets it and comes back.
 */
export function localeAlternates(path: string): MetaDescriptor[] {
  return LOCALES.map((locale) => ({
    tagName: "link",
    rel: "alternate",
    hrefLang: locale,
    href: `/${locale}?to=${encodeURIComponent(path)}`,
  }));
}

/** The descriptors of one page: title, description, canonical, alternates and extras. */
export function buildMeta(t: TFunction, path: string, page: PageMeta): MetaDescriptor[] {
  const tags: MetaDescriptor[] = [{ title: pageTitle(t, page.title) }];
  if (page.description) tags.push({ name: "description", content: page.description });
  if (page.canonical) tags.push({ tagName: "link", rel: "canonical", href: page.canonical });
  tags.push(...localeAlternates(path), ...(page.extra ?? []));
  return tags;
}

export interface MetaContext<Loader> {
  t: TFunction;
  locale: Locale;
  /** The route's loader data; undefined on an error page. */
  data: MetaArgs<Loader>["data"];
  params: MetaArgs<Loader>["params"];
}

/** The title of an error page: what went wrong (not found, no access, a fault). */
export function errorTitleKey(error: unknown): MessageKey {
  const status =
    typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : 500;
  if (status === 404) return "error.404.title";
  if (status === 403) return "error.403.title";
  return "error.title";
}

/** A route's `meta` export: `export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [...] }))`. */
export function pageMeta<Loader = unknown>(build: (ctx: MetaContext<Loader>) => PageMeta): MetaFunction<Loader> {
  return (args) => {
    const locale = metaLocale(args.matches);
    const t = getT(locale);
    const path = args.location.pathname + args.location.search;
    const page = build({ t, locale, data: args.data, params: args.params });
    // An error page says what went wrong first, then which page it was; nothing to describe.
    if (args.error)
      return buildMeta(t, path, {
        title: [t(errorTitleKey(args.error)), ...(Array.isArray(page.title) ? page.title : [page.title])],
      });
    return buildMeta(t, path, page);
  };
}

/** The common case: a page named by one message, with an optional description. */
export function titleMeta(title: MessageKey, description?: MessageKey): MetaFunction {
  return pageMeta(({ t }) => ({ title: t(title), description: description ? t(description) : null }));
}
