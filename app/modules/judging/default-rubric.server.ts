// The rubric a round starts with (version 1, the official default items of its groups), and the
// row data of a rubric item. Apart from the editing service (rubric.server.ts) so that creating
// or opening a round can give it a rubric without the rounds module depending on judging access.
import type { Tx } from "~/utils/db.server";
import { defaultRubricItems, type RubricItemInput } from "./rubric";

export const itemData = (i: RubricItemInput & { code: string; sortOrder: number }) => ({
  criterion: i.criterion,
  group: i.group,
  code: i.code,
  title: i.title,
  guidance: i.guidance ?? null,
  max: i.max,
  sortOrder: i.sortOrder,
});

/**
 * Gives the round the default rubric (version 1) when it has none yet. Idempotent. With `groups`
 * (the round's product groups), the default items of other groups are left out.
 */
export async function ensureDefaultRubric(
  db: Pick<Tx, "rubric">,
  roundId: string,
  userId: string,
  groups?: readonly string[],
) {
  const existing = await db.rubric.findFirst({ where: { roundId }, select: { id: true } });
  if (existing) return existing.id;
  const items = defaultRubricItems(groups);
  const created = await db.rubric.create({
    data: { roundId, version: 1, createdById: userId, items: { create: items.map(itemData) } },
    select: { id: true },
  });
  return created.id;
}
