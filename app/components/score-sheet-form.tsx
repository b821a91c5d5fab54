// The score sheet form (phiếu chấm điểm): one number per rubric item, a note per item, a
// comment, subtotals per criterion and the total. Server-rendered and complete without
// JavaScript ("Lưu nháp" posts the form and the page comes back with the values). With
// JavaScript the totals follow the inputs and drafts save themselves ~1.5 s after the last
// change (intent=autosave through a fetcher); a 409 from the server (another tab or session
// saved first) stops autosaving and says so, keeping every number on the page.
// The total, the save state and the buttons sit in a bar that stays on screen (issue #13).
// "Lưu nháp" and "Nộp phiếu" never wait for an autosave: their post carries every number and
// names this page and the number of its save, so the server takes it over the page's own
// autosave that may land just before it (docs/decisions/030).
import { Form, useFetcher, useNavigation } from "@remix-run/react";
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

/** A random id for this page's saves (crypto.getRandomValues works on plain HTTP too, randomUUID does not). */
function newWriterPage(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

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
  const navigation = useNavigation();
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
  /** This page's id and save counter (decision 030); the id is made after hydration, so without JavaScript there is none. */
  const [writerPage, setWriterPage] = useState<string | null>(null);
  const writerSeq = useRef(0);
  const seqInput = useRef<HTMLInputElement>(null);
  /** A button's post (save or submit) is on its way: an autosave reply no longer speaks for the page. */
  const posting = useRef(false);
  const autosaves = mode === "judge" && editable;
  const sending = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  busy.current = fetcher.state !== "idle";
  // Read the acknowledged version as soon as the reply is rendered, not one effect later: a
  // flush between the two would otherwise post the version before it.
  if (fetcher.state === "idle" && fetcher.data?.saved && fetcher.data.saved.version > versionRef.current)
    versionRef.current = fetcher.data.saved.version;

  useEffect(() => {
    if (mode === "judge") setWriterPage(newWriterPage());
  }, [mode]);

  useEffect(() => {
    if (navigation.state === "idle") posting.current = false;
  }, [navigation.state]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const reply = fetcher.data;
    if (reply.saved) {
      setVersion(reply.saved.version);
      setSavedAt(reply.saved.savedAtLabel);
      setAutosave(waiting.current ? "pending" : "saved");
    } else if (posting.current) {
      // Refused because the button's post landed first: that post speaks for the page.
      return;
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
    if (writerPage) {
      body.set("writerPage", writerPage);
      body.set("writerSeq", String(++writerSeq.current));
    }
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

  function saveStateText() {
    if (autosave === "saved" && savedAt) return t("sheets.autosave.saved", { time: savedAt });
    if (autosave === "saving") return t("sheets.autosave.saving");
    if (autosave === "pending") return t("sheets.autosave.pending");
    if (autosave === "invalid") return t("sheets.autosave.invalid");
    if (autosave === "error") return t("sheets.autosave.error");
    if (autosave === "idle" && version > 0) return t("sheets.autosave.upToDate");
    return null;
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
      // The button's own post carries every number: a pending autosave is dropped, one in flight
      // may land first (the server takes this post over it, decision 030) or after (refused).
      onSubmit={() => {
        window.clearTimeout(timer.current);
        waiting.current = false;
        posting.current = true;
        if (seqInput.current) seqInput.current.value = String(++writerSeq.current);
      }}
    >
      <FormErrors id="sheet-errors" errors={formErrors} />
      {autosave === "conflict" && conflictText ? (
        <div className="notice notice-error" role="alert">
          <p>{conflictText}</p>
        </div>
      ) : null}
      <input type="hidden" name="version" value={version} />
      {writerPage ? (
        <>
          <input type="hidden" name="writerPage" value={writerPage} />
          <input type="hidden" name="writerSeq" ref={seqInput} defaultValue={writerSeq.current || 1} />
        </>
      ) : null}
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
                    aria-describedby={
                      [text.guidance ? `${name}-hint` : null, errs?.length ? `${name}-error` : null]
                        .filter(Boolean)
                        .join(" ") || undefined
                    }
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setTyped((prev) => ({ ...prev, [item.code]: value }));
                    }}
                  />
                  {/* Under the number, so that on a phone the first one is on the first screen. */}
                  {text.guidance ? (
                    <p id={`${name}-hint`} className="hint">
                      {text.guidance}
                    </p>
                  ) : null}
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
        <textarea
          id="comment"
          name="comment"
          rows={4}
          maxLength={COMMENT_MAX}
          defaultValue={initial.comment}
          readOnly={!editable}
        />
        <ErrorList id="comment-error" errors={errorsOf("comment")} />
      </div>
      <div className="sheet-bar" role="group" aria-label={t("sheets.bar")}>
        <p id="sheet-total" className="total-line" aria-live="polite">
          {t("sheets.total", { points: formatPoints(totals.total, locale) })}
        </p>
        {autosaves ? (
          <p id="sheet-save-state" className="save-state" aria-live="polite">
            {sending ? t("sheets.action.submitting") : saveStateText()}
          </p>
        ) : null}
        {editable ? (
          <p className="actions">
            {mode === "judge" ? (
              <>
                <button type="submit" name="intent" value="save" className="button button-secondary" disabled={sending}>
                  {t("sheets.action.save")}
                </button>{" "}
                <ConfirmButton
                  name="intent"
                  value="submit"
                  className="button"
                  confirmText={t("sheets.action.submitConfirm")}
                  disabled={sending}
                >
                  {t("sheets.action.submit")}
                </ConfirmButton>
              </>
            ) : (
              <ConfirmButton
                name="intent"
                value="paper"
                className="button"
                confirmText={t("sheets.paper.confirm")}
                disabled={sending}
              >
                {t("sheets.paper.save")}
              </ConfirmButton>
            )}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
