// The full translation tables, for the server (and tests, scripts, the seed): every namespace of
// both languages, loaded up front. The browser gets tables.browser.ts instead, through the
// `#locale-tables` entry of package.json's "imports" (condition "browser"), so no client bundle
// carries these tables. See docs/decisions/015-client-messages.md.
import { en, enNamespaces } from "./en";
import { vi, viNamespaces } from "./vi";

export type Namespace = keyof typeof viNamespaces;
export type Catalog = { vi: typeof viNamespaces; en: typeof enNamespaces };
export type FlatTables = { vi: typeof vi; en: typeof en };
export type NamespaceMessages = Readonly<Record<string, string>>;

/** Every namespace, in the order of the dictionaries. */
export const allNamespaces = Object.keys(viNamespaces) as Namespace[];

/** Both languages, namespace by namespace (null in the browser). */
export const catalog: Catalog | null = { vi: viNamespaces, en: enNamespaces };

/** Both languages, one flat table each (null in the browser). */
export const flatTables: FlatTables | null = { vi, en };

export async function loadNamespace(locale: keyof Catalog, namespace: Namespace): Promise<NamespaceMessages> {
  return catalog![locale][namespace];
}
