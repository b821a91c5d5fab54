// The score sheet form (phiếu chấm điểm): one number per rubric item, a note per item, a
// comment, subtotals per criterion and the total. Server-rendered and complete without
// JavaScript ("Lưu nháp" posts the form and the page comes back with the values). With
// JavaScript the totals follow the inputs and drafts save themselves ~1.5 s after the last
// change (intent=autosave through a fetcher); a 409 from the server (another tab or session
// saved first) stops autosaving and says so, keeping every number on the page.
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors } from "~/components/forms";
import { AUTOSAVE_INTENT } from "~/modules/judging/autosave";
import { CRITERIA } from "~/modules/judging/rubric";
import { rubricItemText } from "~/modules/judging/rubric-english";
import { formatPoints, parseScoreText } from "~/modules/judging/sheet-rules";
import { COMMENT_MAX, NOTE_MAX, noteField, scoreField } from "~/modules/judging/sheet-schemas";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";

export interface ScoreSheetItem {
  code: string;
  criterion: number;
  title: string;
  guidance: string | null;
  max: number;
}

export interface ScoreSheetValues {
  scores: Record<string, string>;
  notes: Record<string, string>;
  comment: string;
}

/** What the sheet routes' actions answer (autosave reads `saved`, errors read `result`). */
export interface SheetActionReply {
  result: { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null } | null;
  saved: { version: number; savedAtLabel: string; total: number } | null;
  conflict: boolean;
}

/** Saved values as strings for the inputs, or what the user typed when the server refused it. */
export function sheetFormValues(
  items: readonly ScoreSheetItem[],
  saved: { scores: Record<string, number>; notes: Record<string, string>; comment: string | null } | null,
  typed: Record<string, unknown> | null | undefined,
): ScoreSheetValues {
  const scores: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  for (const item of items) {
    if (typed) {
      // A number input shows nothing for "12,5": give it back as "12.5".
      scores[item.code] = str(typed[scoreField(item.code)]).replace(/^(\d+),(\d+)$/, "$1.$2");
      notes[item.code] = str(typed[noteField(item.code)]);
    } else {
      scores[item.code] = saved?.scores[item.code] !== undefined ? String(saved.scores[item.code]) : "";
      notes[item.code] = saved?.notes[item.code] ?? "";
    }
  }
  return { scores, notes, comment: typed ? str(typed.comment) : (saved?.comment ?? "") };
}

function liveTotals(items: readonly ScoreSheetItem[], scores: Record<string, string>) {
  const per: Record<number, number> = {};
  let total = 0;
  for (const item of items) {
    const v = parseScoreText(scores[item.code]);
    const n = v !== null && Number.isFinite(v) && v >= 0 && v <= item.max ? v : 0;
    per[item.criterion] = (per[item.criterion] ?? 0) + n;
    total += n;
  }
  return { per, total: Math.round(total * 2) / 2 };
}

type AutosaveState = "idle" | "pending" | "saving" | "saved" | "invalid" | "error" | "conflict";

export function ScoreSheetForm({
  items,
  initial,
  version: initialVersion,
  editable,
  mode,
  fieldErrors,
  formErrors,
  conflict,
}: {
  items: readonly ScoreSheetItem[];
  initial: ScoreSheetValues;
  /** The sheet version the page was rendered with (0 = no sheet yet). */
  version: number;
  editable: boolean;
  /** judge: save draft / submit, with autosave. paper: the secretary's paper sheet, submitted at once. */
  mode: "judge" | "paper";
  fieldErrors?: Record<string, string[] | null> | null;
  formErrors?: string[] | null;
  /** The last POST of this page answered 409 "sheets.conflict". */
  conflict?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const fetcher = useFetcher<SheetActionReply>();
  const [typed, setTyped] = useState(initial.scores);
  const [version, setVersion] = useState(initialVersion);
  const [autosave, setAutosave] = useState<AutosaveState>(conflict ? "conflict" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflictText, setConflictText] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const versionRef = useRef(initialVersion);
  const busy = useRef(false);
  /** A change is waiting for its autosave (the timer runs). */
  const waiting = useRef(false);
  const stopped = useRef(!!conflict);
  const autosaves = mode === "judge" && editable;
  busy.current = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const reply = fetcher.data;
    if (reply.saved) {
      versionRef.current = reply.saved.version;
      setVersion(reply.saved.version);
      setSavedAt(reply.saved.savedAtLabel);
      setAutosave(waiting.current ? "pending" : "saved");
    } else if (reply.conflict) {
      stopped.current = true;
      setConflictText(reply.result?.error?.[""]?.[0] ?? null);
      setAutosave("conflict");
    } else {
      setAutosave("error");
    }
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    if (conflict) stopped.current = true;
  }, [conflict]);

  // Numbers typed but not yet saved: ask before leaving the page.
  useEffect(() => {
    if (!autosaves) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (autosave === "pending" || autosave === "saving") e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [autosave, autosaves]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function flush() {
    const form = formRef.current;
    if (!form || stopped.current) return;
    if (busy.current) {
      timer.current = window.setTimeout(flush, 400);
      return;
    }
    waiting.current = false;
    if (!form.checkValidity()) {
      setAutosave("invalid");
      return;
    }
    const body = new FormData(form);
    body.set("intent", AUTOSAVE_INTENT);
    body.set("version", String(versionRef.current));
    setAutosave("saving");
    fetcher.submit(body, { method: "post" });
  }

  function changed() {
    if (!autosaves || stopped.current) return;
    window.clearTimeout(timer.current);
    waiting.current = true;
    setAutosave("pending");
    timer.current = window.setTimeout(flush, 1500);
  }

  const totals = liveTotals(items, typed);
  const errorsOf = (name: string) => fieldErrors?.[name] ?? undefined;
  const criteria = CRITERIA.filter((c) => items.some((i) => i.criterion === c.n));

  return (
    <Form
      method="post"
      ref={formRef}
      className="stack"
      onChange={changed}
      // A pending autosave would race the button's own save (same version): drop it.
      onSubmit={() => {
        window.clearTimeout(timer.current);
        waiting.current = false;
      }}
    >
      <FormErrors id="sheet-errors" errors={formErrors} />
      {autosave === "conflict" && conflictText ? (
        <div className="notice notice-error" role="alert">
          <p>{conflictText}</p>
        </div>
      ) : null}
      <input type="hidden" name="version" value={version} />
      {criteria.map((c) => (
        <fieldset key={c.n} className="stack">
          <legend>
            {t(`sheets.criterion.${c.n}` as MessageKey)} ({t("sheets.maxPoints", { max: c.cap })})
          </legend>
          {items
            .filter((i) => i.criterion === c.n)
            .map((item) => {
              const name = scoreField(item.code);
              const note = noteField(item.code);
              const errs = errorsOf(name);
              const text = rubricItemText(item, locale);
              return (
                <div key={item.code} className="field">
                  <label htmlFor={name}>
                    <span className="rubric-num">{item.code}</span> {text.title}{" "}
                    <span className="muted">({t("sheets.maxPoints", { max: formatPoints(item.max, locale) })})</span>
                  </label>
                  {text.guidance ? (
                    <p id={`${name}-hint`} className="hint">
                      {text.guidance}
                    </p>
                  ) : null}
                  <input
                    id={name}
                    name={name}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={item.max}
                    step={0.5}
                    defaultValue={initial.scores[item.code] ?? ""}
                    readOnly={!editable}
                    aria-invalid={errs?.length ? true : undefined}
                    aria-describedby={[item.guidance ? `${name}-hint` : null, errs?.length ? `${name}-error` : null].filter(Boolean).join(" ") || undefined}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setTyped((prev) => ({ ...prev, [item.code]: value }));
                    }}
                  />
                  <ErrorList id={`${name}-error`} errors={errs} />
                  <label htmlFor={note} className="sr-only">
                    {t("sheets.field.note", { code: item.code })}
                  </label>
                  <input
                    id={note}
                    name={note}
                    type="text"
                    maxLength={NOTE_MAX}
                    placeholder={t("sheets.field.notePlaceholder")}
                    defaultValue={initial.notes[item.code] ?? ""}
                    readOnly={!editable}
                  />
                </div>
              );
            })}
          <p className="num">
            {t("sheets.subtotal", { criterion: c.n, points: formatPoints(totals.per[c.n] ?? 0, locale), max: c.cap })}
          </p>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="comment">{t("sheets.field.comment")}</label>
        <textarea id="comment" name="comment" rows={4} maxLength={COMMENT_MAX} defaultValue={initial.comment} readOnly={!editable} />
        <ErrorList id="comment-error" errors={errorsOf("comment")} />
      </div>
      <p id="sheet-total" className="total-line" aria-live="polite">
        {t("sheets.total", { points: formatPoints(totals.total, locale) })}
      </p>
      {autosaves ? (
        <p className="muted" aria-live="polite">
          {autosave === "saved" && savedAt ? t("sheets.autosave.saved", { time: savedAt }) : null}
          {autosave === "saving" ? t("sheets.autosave.saving") : null}
          {autosave === "pending" ? t("sheets.autosave.pending") : null}
          {autosave === "invalid" ? t("sheets.autosave.invalid") : null}
          {autosave === "error" ? t("sheets.autosave.error") : null}
        </p>
      ) : null}
      {editable ? (
        <p className="actions">
          {mode === "judge" ? (
            <>
              <button type="submit" name="intent" value="save" className="button button-secondary" disabled={fetcher.state !== "idle"}>
                {t("sheets.action.save")}
              </button>{" "}
              <ConfirmButton name="intent" value="submit" className="button" confirmText={t("sheets.action.submitConfirm")} disabled={fetcher.state !== "idle"}>
                {t("sheets.action.submit")}
              </ConfirmButton>
            </>
          ) : (
            <ConfirmButton name="intent" value="paper" className="button" confirmText={t("sheets.paper.confirm")}>
              {t("sheets.paper.save")}
            </ConfirmButton>
          )}
        </p>
      ) : null}
    </Form>
  );
}
