// The product groups (domain.md: A–D) of a round or a panel: the one module that reads and writes
// them. They are rows of RoundGroup and PanelGroup (decision 049), one per group; the database
// column is the ProductGroup enum, so only the official groups can be stored. Pure, so the
// browser may import it too.

export const PRODUCT_GROUPS = ["A", "B", "C", "D"] as const;
export type ProductGroupName = (typeof PRODUCT_GROUPS)[number];

export const isProductGroup = (value: string): value is ProductGroupName =>
  (PRODUCT_GROUPS as readonly string[]).includes(value);

/** The rows a query gets for `groups: GROUPS_SELECT` (or `groups: true`). */
export type GroupRows = readonly { group: string }[];

/** Select a round's or a panel's groups: `select: { groups: GROUPS_SELECT }`. */
export const GROUPS_SELECT = { select: { group: true } } as const;

/** The official groups among `values`, each once, in canonical order (A, B, C, D). */
export function normaliseGroups(values: Iterable<string>): ProductGroupName[] {
  const set = new Set(values);
  return PRODUCT_GROUPS.filter((g) => set.has(g));
}

/** A round's or a panel's groups, as read: canonical order. */
export const groupList = (rows: GroupRows | null | undefined): ProductGroupName[] =>
  normaliseGroups((rows ?? []).map((r) => r.group));

/** Whether the rows hold `group`. */
export const hasGroup = (rows: GroupRows | null | undefined, group: string): boolean =>
  (rows ?? []).some((r) => r.group === group);

const rowsOf = (groups: readonly string[]) => normaliseGroups(groups).map((group) => ({ group }));

/** The nested write that gives a new round or panel these groups: `data: { groups: createGroups(list) }`. */
export const createGroups = (groups: readonly string[]) => ({ create: rowsOf(groups) });

/** The nested write that replaces a round's or a panel's groups: `data: { groups: replaceGroups(list) }`. */
export const replaceGroups = (groups: readonly string[]) => ({ deleteMany: {}, create: rowsOf(groups) });
