// What the rubric page's parts share: the loader's data types and how items are named and ordered.
import type { TFunction, MessageKey } from "~/utils/i18n";
import type { loader } from "./route";

export type PageData = Awaited<ReturnType<typeof loader>>;
export type Group = PageData["round"]["groups"][number];

export const criterionName = (t: TFunction, n: number) => t(`rubric.criterion.${n}` as MessageKey);
export const scopeLabel = (t: TFunction, group: string | null | undefined) =>
  group ? t("rubric.scope.group", { group }) : t("rubric.scope.shared");

/** Items as the page lists them: by criterion, the shared ones first, then each group's. */
export function displayOrder<T extends { criterion: number; group: string | null; sortOrder: number }>(
  items: readonly T[],
): T[] {
  const rank = (g: string | null) => (g === null ? 0 : 1 + g.charCodeAt(0));
  return [...items].sort(
    (a, b) => a.criterion - b.criterion || rank(a.group) - rank(b.group) || a.sortOrder - b.sortOrder,
  );
}
