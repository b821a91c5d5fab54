// Translations: Vietnamese first, English second. Every user-facing string lives in
// app/locales/<lang>/*.ts; English dictionaries are typed against the Vietnamese keys, so a
// missing translation is a type error. See docs/decisions/005-i18n.md.
//
// The server holds both full tables. The browser holds only what the page needs: the active
// language's namespaces that the matched routes declare in `handle` (decision 015). The server
// writes them into the page (<PageMessages />); a client-side navigation to a route that needs
// more loads the missing namespaces before the new page shows.
import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { allNamespaces, catalog, flatTables, loadNamespace, type Namespace } from "#locale-tables";
import type { vi } from "~/locales/vi";

export type { Namespace };
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export type MessageKey = keyof typeof vi;
export type TranslateParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TranslateParams) => string;

/**
 * What a route module exports as `handle` to say which namespaces its component, meta and error
 * boundary use (keys its loader or action translate on the server need not be listed). A route
 * without it gets every namespace of the active language.
 */
export type I18nHandle = { i18n: readonly Namespace[] };
/** Sent with every page: header, footer, language switch, error pages and the root's meta. */
const ROOT_NAMESPACES: readonly Namespace[] = ["common", "site"];
/** The id of the page's inline JSON with its messages. */
export const PAGE_MESSAGES_ID = "tb-messages";
type PageMessagesJson = { locale: Locale; namespaces: Namespace[]; messages: Record<string, string> };

// The browser's messages: per language, what has been loaded so far and from which namespaces.
const loaded: Record<Locale, Record<string, string>> = { vi: {}, en: {} };
const loadedNamespaces: Record<Locale, Set<Namespace>> = { vi: new Set(), en: new Set() };
const loading = new Map<string, Promise<void>>();
let pageJson = "";
if (!flatTables && typeof document !== "undefined") {
  pageJson = document.getElementById(PAGE_MESSAGES_ID)?.textContent ?? "";
  if (pageJson) {
    const page = JSON.parse(pageJson) as PageMessagesJson;
    if (isLocale(page.locale)) {
      Object.assign(loaded[page.locale], page.messages);
      for (const ns of page.namespaces) loadedNamespaces[page.locale].add(ns);
    }
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  if (typeof value !== "string") return false;
  return flatTables ? value in flatTables.vi : value in loaded.vi || value in loaded.en;
}

function lookup(locale: Locale, key: MessageKey): string | undefined {
  return flatTables ? flatTables[locale][key] : loaded[locale][key];
}

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const template = lookup(locale, key) ?? lookup("vi", key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function getT(locale: Locale): TFunction {
  return (key, params) => translate(locale, key, params);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): TFunction {
  return getT(useLocale());
}

function hasI18n(handle: unknown): handle is I18nHandle {
  return typeof handle === "object" && handle !== null && Array.isArray((handle as I18nHandle).i18n);
}

/** The namespaces a page of these matched routes needs: the root's and each route's, or all. */
export function namespacesFor(matches: ReadonlyArray<{ id: string; handle?: unknown }>): Namespace[] {
  const needed = new Set<Namespace>(ROOT_NAMESPACES);
  for (const match of matches) {
    if (match.id === "root") continue;
    if (!hasI18n(match.handle)) return [...allNamespaces];
    for (const ns of match.handle.i18n) needed.add(ns);
  }
  return allNamespaces.filter((ns) => needed.has(ns));
}

const serialised = new Map<string, string>();
/** The page's messages as JSON safe inside <script> (server side; cached per language and set). */
function serialise(locale: Locale, namespaces: Namespace[]): string {
  const cacheKey = `${locale}:${namespaces.join(",")}`;
  let json = serialised.get(cacheKey);
  if (json === undefined) {
    const messages = Object.assign({}, ...namespaces.map((ns) => catalog![locale][ns])) as Record<string, string>;
    const page: PageMessagesJson = { locale, namespaces, messages };
    json = JSON.stringify(page).replace(/</g, "\\u003c");
    serialised.set(cacheKey, json);
  }
  return json;
}

/** Loads namespaces into the browser's tables; a failed chunk reloads the page, as Remix does for routes. */
function ensureLoaded(locale: Locale, namespaces: Namespace[]): Promise<void> {
  const cacheKey = `${locale}:${namespaces.join(",")}`;
  let promise = loading.get(cacheKey);
  if (!promise) {
    promise = Promise.all(
      namespaces.map(async (ns) => {
        Object.assign(loaded[locale], await loadNamespace(locale, ns));
        loadedNamespaces[locale].add(ns);
      }),
    ).then(
      () => undefined,
      () => {
        window.location.reload();
        return new Promise<void>(() => {});
      },
    );
    loading.set(cacheKey, promise);
  }
  return promise;
}

/**
 * The JSON of the page's messages, for <PageMessages />. On the server: the active language's
 * namespaces the matched routes need. In the browser: the page's original JSON (the element is
 * never rewritten); and when a navigation needs namespaces not loaded yet, this suspends the
 * render — navigations run in a transition, so the previous page stays until they arrive.
 */
export function usePageMessages(): string {
  const locale = useLocale();
  const namespaces = namespacesFor(useMatches());
  if (catalog) return serialise(locale, namespaces);
  const missing = namespaces.filter((ns) => !loadedNamespaces[locale].has(ns));
  if (missing.length > 0) throw ensureLoaded(locale, missing);
  return pageJson;
}
