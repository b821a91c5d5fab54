// Who may open an uploaded file, enforced in the query (never by hiding links):
//   - the owner of the establishment the file belongs to;
//   - administrators;
//   - organisers whose jurisdiction runs a round in which the file's dossier is entered
//     (province organiser → provincial rounds of their province, region organiser → regional
//     rounds of their region, national organiser → national rounds). Drafts do not count: a
//     dossier is the producer's own business until it is submitted. The file must be part of
//     that dossier: an establishment document (no product) or a file of the entered product;
//   - judges, for the files of the entries in their queue (assignedEntriesWhere, so never a
//     conflicted entry) in a round that is JUDGING or RESULTS, once they have confirmed their
//     declaration — minus files the organisers hid from judges, and in blind rounds minus the
//     documents that name the producer (app/modules/judging/blind.ts), and only files of the
//     dossier version the entry was frozen with (issue #10: not a file uploaded after
//     submission). This needs the person's jury memberships (one query) and the frozen version
//     (one more), so findReadableFile tries it only when readableFilesWhere does not already
//     grant the file; readableFilesWhere alone leaves judges out. What a judge opens is served
//     as the judge may see it (judgeView: a neutral name and a cleaned PDF in blind rounds);
//   - anyone, for a photo marked public once its product is certified — see publicFilesWhere.
// Deleted files stay readable to these people: frozen dossier versions still point at them.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canManageRounds, isAdmin } from "~/modules/access/permissions";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { assignedEntriesWhere } from "~/modules/judging/access.server";
import { JUDGE_FILE_ROUND_STATUSES, judgeFilesWhere, judgeMaySeeFile } from "~/modules/judging/blind";
import { blindTastingTurns } from "~/modules/samples/tasting-orders.server";
import { fileNumberInDossier } from "./neutral-name";

/**
 * Files anyone may open without logging in: a photo its producer marked public (isPublic), once
 * the product holds a certificate that has not been revoked (an expired one still shows the
 * product in the public register, with its photo). Nothing else is ever public.
 */
export function publicFilesWhere(): Prisma.StoredFileWhereInput | null {
  return { isPublic: true, deletedAt: null, kind: "PHOTO", product: { certificates: { some: { revokedAt: null } } } };
}

/**
 * Files this person may open as owner, administrator, organiser or the public, as a where clause;
 * null when they may open none. Judges' files need their memberships: findReadableFile tries judgeReadableFilesWhere after this.
 */
export function readableFilesWhere(auth: Pick<Auth, "user" | "roles"> | null): Prisma.StoredFileWhereInput | null {
  const open = publicFilesWhere();
  if (!auth) return open;
  if (isAdmin(auth.roles)) return {};
  const or: Prisma.StoredFileWhereInput[] = [{ establishment: { ownerId: auth.user.id } }];
  // Administrators returned above; an organiser reads the dossiers of the rounds they manage.
  if (canManageRounds(auth.roles)) {
    const rounds = managedRoundsWhere(auth.roles);
    const entry: Prisma.EntryWhereInput = { status: { not: "DRAFT" }, round: rounds };
    or.push(
      { productId: null, establishment: { entries: { some: entry } } },
      { product: { entries: { some: entry } } },
    );
  }
  if (open) or.push(open);
  return { OR: or };
}

/** The person's confirmed judge memberships in rounds that are JUDGING or RESULTS (one query). */
function judgeMemberships(userId: string) {
  return prisma.juryMember.findMany({
    where: {
      userId,
      isJudge: true,
      declaredAt: { not: null },
      round: { status: { in: [...JUDGE_FILE_ROUND_STATUSES] } },
    },
    select: {
      id: true,
      isJudge: true,
      provinceId: true,
      panelId: true,
      panel: { select: { groups: true } },
      round: { select: { id: true, level: true, groups: true, currentPass: true, blindJudging: true } },
    },
  });
}
type JudgeMembership = Awaited<ReturnType<typeof judgeMemberships>>[number];

/**
 * The judges' clauses: for each of the person's confirmed judge memberships in a round that is
 * JUDGING or RESULTS, the files judgeFilesWhere lets through for the entries of their queue.
 * null when there are none. findReadableFile also checks the frozen version (judgeViewOf).
 */
export async function judgeReadableFilesWhere(userId: string): Promise<Prisma.StoredFileWhereInput | null> {
  return judgeClause(await judgeMemberships(userId));
}

function judgeClause(memberships: JudgeMembership[]): Prisma.StoredFileWhereInput | null {
  const or = memberships.flatMap((m) => judgeFilesWhere(m.round, assignedEntriesWhere(m, m.round)));
  return or.length ? { OR: or } : null;
}

/** How a judge is given a file: under a neutral name, cleaned of metadata, when blind. */
export interface JudgeFileView {
  blind: boolean;
  entryCode: string;
  /** The file's number among the frozen dossier's files of its kind (neutral-name.ts). */
  number: number;
}

/**
 * The file as a judge of these rounds may open it: it must be in the latest frozen version
 * (EntryVersion, made at each submission) of an entry of their queue, and visible to judges of
 * that entry's round. null when no entry gives it (a file uploaded after submission, a file
 * deleted before it). A blind round wins over a non-blind one when both give it.
 */
async function judgeViewOf(
  userId: string,
  memberships: JudgeMembership[],
  file: ReadableFile,
): Promise<JudgeFileView | null> {
  const entries = await prisma.entry.findMany({
    where: {
      AND: [
        { OR: memberships.map((m) => assignedEntriesWhere(m, m.round)) },
        file.productId ? { productId: file.productId } : { establishmentId: file.establishmentId },
      ],
    },
    select: {
      id: true,
      roundId: true,
      entryCode: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { snapshot: true } },
    },
  });
  // At a blind tasting the judge scores the sample by its tasting number and sees no dossier
  // (decision 046): an entry they taste blind gives them none of its files, even by a known id.
  const tastedBlind = await blindTastedEntries(
    userId,
    memberships.filter((m) => entries.some((e) => e.roundId === m.round.id)),
  );
  const views = entries.flatMap((entry): JudgeFileView[] => {
    if (tastedBlind.has(entry.id)) return [];
    const round = memberships.find((m) => m.round.id === entry.roundId)?.round;
    const frozen = (entry.versions[0]?.snapshot ?? null) as { files?: { id: string; kind: string }[] } | null;
    const number = fileNumberInDossier(frozen?.files ?? [], file.id);
    if (!round || !number || !judgeMaySeeFile(file, round)) return [];
    return [{ blind: round.blindJudging, entryCode: entry.entryCode ?? "", number }];
  });
  return views.find((v) => v.blind) ?? views[0] ?? null;
}

/** The entries this judge tastes blind now, in any of their rounds (blindTastingTurns). */
async function blindTastedEntries(userId: string, memberships: JudgeMembership[]): Promise<Set<string>> {
  const tasted = new Set<string>();
  for (const m of memberships) {
    const turns = await blindTastingTurns(m.round, { id: m.id, panelId: m.panelId, userId });
    for (const entryId of turns?.keys() ?? []) tasted.add(entryId);
  }
  return tasted;
}

async function findAsJudge(
  userId: string,
  find: (where: Prisma.StoredFileWhereInput) => Promise<ReadableFile | null>,
): Promise<ServedFile | null> {
  const memberships = await judgeMemberships(userId);
  const where = judgeClause(memberships);
  const file = where ? await find(where) : null;
  const judgeView = file ? await judgeViewOf(userId, memberships, file) : null;
  return file && judgeView ? { ...file, judgeView } : null;
}

/** Files this person may delete (soft): the establishment's owner and administrators. */
export function manageableFilesWhere(auth: Pick<Auth, "user" | "roles">): Prisma.StoredFileWhereInput {
  return isAdmin(auth.roles) ? {} : { establishment: { ownerId: auth.user.id } };
}

export const readableFileSelect = {
  id: true,
  kind: true,
  storage: true,
  storageKey: true,
  thumbnailKey: true,
  originalName: true,
  contentType: true,
  size: true,
  sha256: true,
  establishmentId: true,
  productId: true,
  hiddenFromJudges: true,
  deletedAt: true,
} satisfies Prisma.StoredFileSelect;

export type ReadableFile = Prisma.StoredFileGetPayload<{ select: typeof readableFileSelect }>;
/** A readable file and, when it was granted to the person as a judge only, how judges get it. */
export type ServedFile = ReadableFile & { judgeView: JudgeFileView | null };

/**
 * The file, if this person may open it. Otherwise a DomainError: 404 when there is no such
 * file, 401 for an anonymous visitor (the route sends them to log in), 403 for everyone else.
 */
export async function findReadableFile(auth: Pick<Auth, "user" | "roles"> | null, fileId: string): Promise<ServedFile> {
  const find = (where: Prisma.StoredFileWhereInput) =>
    prisma.storedFile.findFirst({ where: { AND: [{ id: fileId }, where] }, select: readableFileSelect });
  // The common cases (owner, organiser, public photo) need no jury lookup; only when they do not
  // grant the file are the person's jury memberships loaded (one query) and tried.
  const base = readableFilesWhere(auth);
  const granted = base ? await find(base) : null;
  if (granted) return { ...granted, judgeView: null };
  const file = auth && !isAdmin(auth.roles) ? await findAsJudge(auth.user.id, find) : null;
  if (file) return file;
  const exists = await prisma.storedFile.count({ where: { id: fileId } });
  if (!exists) throw new DomainError(404, "files.error.notFound");
  if (!auth) throw new DomainError(401, "files.error.loginRequired");
  throw new DomainError(403, "files.error.forbidden");
}
