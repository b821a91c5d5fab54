// Forms of score sheets. The items of a sheet depend on the round's rubric and the entry's group,
// so each item's number and note travel as their own fields (score_1_2, note_1_2 for item
// "1.2": Conform reads dots as object paths); the numbers themselves are checked against the
// rubric by the sheets service (sheet-rules.ts#checkSheet), which knows each item's maximum.
import { z } from "zod";
import { IdParam } from "~/modules/entries/schemas";
import type { TFunction } from "~/utils/i18n";
import { formatPoints, type SheetProblem } from "./sheet-rules";

export const scoreField = (code: string) => `score_${code.replace(/\./g, "_")}`;
export const noteField = (code: string) => `note_${code.replace(/\./g, "_")}`;
const FIELD = /^(score|note)_(\d+(?:_\d+)*)$/;

export const COMMENT_MAX = 4000;
export const NOTE_MAX = 1000;

/** The intents of a judge's sheet form: autosave is the JavaScript draft save (no redirect). */
export const SheetIntent = z.enum(["save", "autosave", "submit"]);
export type SheetIntentName = z.infer<typeof SheetIntent>;

const fields = {
  version: z.coerce.number({ error: "error.400" }).int("error.400").min(0, "error.400").max(1_000_000, "error.400"),
  comment: z.string().trim().max(COMMENT_MAX, "sheets.error.commentTooLong").optional(),
};

/** A page's random id (made in the browser, see score-sheet-form.tsx) and the number of its save. */
export const WRITER_PAGE = /^[A-Za-z0-9_-]{16,64}$/;
const writerFields = {
  writerPage: z.string().regex(WRITER_PAGE, "error.400").optional(),
  writerSeq: z.coerce
    .number({ error: "error.400" })
    .int("error.400")
    .min(1, "error.400")
    .max(1_000_000_000, "error.400")
    .optional(),
};

/** Judge's sheet: fixed fields, then any number of score_/note_ fields (checked by the service). */
export const SheetFormSchema = z
  .object({ intent: SheetIntent, ...fields, ...writerFields })
  .catchall(z.string().max(NOTE_MAX, "sheets.error.noteTooLong").optional());

/** Which page wrote, and its how-manieth save; null without JavaScript (plain form posts carry none). */
export function sheetWriterFromForm(value: {
  writerPage?: string;
  writerSeq?: number;
}): { page: string; seq: number } | null {
  return value.writerPage && value.writerSeq ? { page: value.writerPage, seq: value.writerSeq } : null;
}

/** Paper sheet typed by the secretary: always saved as submitted. */
export const PaperSheetFormSchema = z
  .object({ intent: z.literal("paper"), ...fields })
  .catchall(z.string().max(NOTE_MAX, "sheets.error.noteTooLong").optional());

export const ReopenSheetSchema = z.object({
  intent: z.literal("reopen"),
  sheetId: IdParam,
  reason: z
    .string({ error: "sheets.reopen.reasonRequired" })
    .trim()
    .min(5, "sheets.reopen.reasonRequired")
    .max(2000, "sheets.reopen.reasonRequired"),
});

export const FileVisibilitySchema = z.object({
  intent: z.literal("fileVisibility"),
  fileId: IdParam,
  hidden: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const QueueSearchSchema = z.object({
  tab: z.enum(["todo", "draft", "submitted"]).catch("todo"),
});

export const SheetParams = z.object({ roundId: IdParam, entryId: IdParam });
export const PaperParams = z.object({ roundId: IdParam, entryId: IdParam, memberId: IdParam });
export const RoundParams = z.object({ roundId: IdParam });

export interface SheetValues {
  scores: Record<string, string>;
  notes: Record<string, string>;
  comment: string | null;
}

/** Scores and notes by item code, from a parsed form (extra fields that are not ours are ignored). */
export function sheetValuesFromForm(value: Record<string, unknown>): SheetValues {
  const scores: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const m = FIELD.exec(name);
    if (!m || typeof v !== "string") continue;
    const [, kind, rawCode] = m;
    if (rawCode === undefined) continue;
    const code = rawCode.replace(/_/g, ".");
    (kind === "score" ? scores : notes)[code] = v;
  }
  return { scores, notes, comment: typeof value.comment === "string" ? value.comment : null };
}

/** Per-field messages (in the user's language) for the numbers the service refused. */
export function sheetFieldErrors(
  problems: readonly SheetProblem[],
  t: TFunction,
  locale: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    out[scoreField(p.code)] = [
      p.problem === "missing"
        ? t("sheets.error.missingItem", { code: p.code })
        : t("sheets.error.score", { code: p.code, max: formatPoints(p.max, locale), step: formatPoints(0.5, locale) }),
    ];
  }
  return out;
}
