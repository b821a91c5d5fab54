// The council's two forms on the results page, one per entry: the decision on a flagged spread
// and the vote. Both post to the page's action and work without JavaScript.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import type { ResultRow } from "~/modules/judging/results";
import { SpreadDecisionSchema, VoteSchema } from "~/modules/judging/results-schemas";
import { formatDateTime } from "~/utils/dates";
import { useT, type MessageKey } from "~/utils/i18n";
import { useNumber } from "./results-tables";

export function SpreadForm({ row, lastResult }: { row: ResultRow; lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `spread-${row.entryId}`,
    lastResult,
    defaultValue: { decision: row.spreadDecision ?? "" },
    constraint: getZodConstraint(SpreadDecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpreadDecisionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const decision = getTextareaProps(fields.decision, { ariaDescribedBy: `${fields.decision.id}-hint` });
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3 className="h3">
        {row.code} — {row.productName}
      </h3>
      <p>{t("results.spread.facts", { min: row.min ?? 0, max: row.max ?? 0, spread: row.spread ?? 0 })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="spread" />
      <input type="hidden" name="entryId" value={row.entryId} />
      <div className="field">
        <label htmlFor={fields.decision.id}>{t("results.spread.decision")}</label>
        <p id={`${fields.decision.id}-hint`} className="hint">
          {t("results.spread.hint")}
        </p>
        <textarea {...decision} key={decision.key} rows={3} required />
        <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("results.spread.submit")}
        </button>
      </div>
    </Form>
  );
}

export function VoteForm({
  row,
  councilSize,
  lastResult,
}: {
  row: ResultRow;
  councilSize: number;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const num = useNumber();
  const v = row.vote;
  const [form, fields] = useForm({
    id: `vote-${row.entryId}`,
    lastResult,
    defaultValue: {
      votesFor: v ? String(v.votesFor) : "",
      votesAgainst: v ? String(v.votesAgainst) : "",
      votesAbstain: v ? String(v.votesAbstain) : "",
      membersPresent: v ? String(v.membersPresent) : "",
      membersTotal: String(v ? v.membersTotal : councilSize || ""),
      chairPresent: v?.chairPresent ? "on" : undefined,
      recognised: v?.recognised === true ? "yes" : v?.recognised === false ? "no" : undefined,
      note: v?.note ?? "",
    },
    constraint: getZodConstraint(VoteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VoteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const count = (
    name: "votesFor" | "votesAgainst" | "votesAbstain" | "membersPresent" | "membersTotal",
    label: MessageKey,
  ) => (
    <Field meta={fields[name]} label={label} type="number" required="unmarked" min={0} step={1} inputMode="numeric" />
  );
  const chair = getInputProps(fields.chairPresent, { type: "checkbox" });
  const note = getTextareaProps(fields.note);
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <fieldset className="stack">
        <legend>
          <strong>{row.code}</strong> — {row.productName} ({t("results.vote.meanIs", { mean: num(row.mean) })})
        </legend>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="entryId" value={row.entryId} />
        <div className="grid-3">
          {count("votesFor", "results.vote.for")}
          {count("votesAgainst", "results.vote.against")}
          {count("votesAbstain", "results.vote.abstain")}
          {count("membersPresent", "results.vote.present")}
          {count("membersTotal", "results.vote.total")}
        </div>
        <div className="field">
          <label className="radio">
            <input {...chair} key={chair.key} /> {t("results.vote.chairPresent")}
          </label>
        </div>
        <fieldset aria-describedby={fields.recognised.errorId}>
          <legend>{t("results.vote.recognised")}</legend>
          {(["yes", "no"] as const).map((value) => {
            const props = getInputProps(fields.recognised, { type: "radio", value });
            return (
              <label className="radio" key={value}>
                <input {...props} key={`${props.key}-${value}`} />{" "}
                {t(value === "yes" ? "results.vote.recognisedYes" : "results.vote.recognisedNo")}
              </label>
            );
          })}
          <ErrorList id={fields.recognised.errorId} errors={fields.recognised.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.note.id}>{t("results.vote.note")}</label>
          <textarea {...note} key={note.key} rows={2} />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        {v ? <p className="muted">{t("results.vote.recordedAt", { date: formatDateTime(v.votedAt) })}</p> : null}
        <div>
          <button type="submit" className="button">
            {t(v ? "results.vote.update" : "results.vote.submit")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
