// The browser's side of `#locale-tables` (see tables.ts): no table is bundled; each namespace of
// each language is its own small chunk, fetched when a page needs it and not already in the
// page's inline messages. See docs/decisions/015-client-messages.md.
import type { Catalog, FlatTables, Namespace, NamespaceMessages } from "./tables";

const modules = import.meta.glob<Record<string, NamespaceMessages>>(["./vi/*.ts", "./en/*.ts", "!./*/index.ts"]);

export const allNamespaces = [
  ...new Set(Object.keys(modules).map((path) => path.slice(path.lastIndexOf("/") + 1, -".ts".length))),
] as Namespace[];

export const catalog: Catalog | null = null;
export const flatTables: FlatTables | null = null;

export async function loadNamespace(locale: keyof Catalog, namespace: Namespace): Promise<NamespaceMessages> {
  const load = modules[`./${locale}/${namespace}.ts`];
  if (!load) throw new Error(`No messages for ${locale}/${namespace}`);
  const messages = (await load())[namespace];
  if (!messages) throw new Error(`No messages for ${locale}/${namespace}`);
  return messages;
}
