// Rubrics in the database: the current version of a round's rubric, and the default one a round
// starts with. Editing and versioning live here too (see saveRubric below when present).
import { defaultRubricItems } from "./rubric";
import type { Tx } from "~/utils/db.server";

/** The round's current (highest) rubric version with its items, or null. */
export function currentRubric(db: Pick<Tx, "rubric">, roundId: string) {
  return db.rubric.findFirst({
    where: { roundId },
    orderBy: { version: "desc" },
    include: { items: { orderBy: { sortOrder: "asc" } } },
  });
}

/** Gives the round the default rubric (version 1) when it has none yet. Idempotent. */
export async function ensureDefaultRubric(db: Pick<Tx, "rubric">, roundId: string, userId: string) {
  const existing = await db.rubric.findFirst({ where: { roundId }, select: { id: true } });
  if (existing) return existing.id;
  const items = defaultRubricItems();
  const created = await db.rubric.create({
    data: {
      roundId,
      version: 1,
      createdById: userId,
      items: {
        create: items.map((i) => ({
          criterion: i.criterion,
          group: i.group,
          code: i.code,
          title: i.title,
          guidance: i.guidance ?? null,
          max: i.max,
          sortOrder: i.sortOrder,
        })),
      },
    },
    select: { id: true },
  });
  return created.id;
}
