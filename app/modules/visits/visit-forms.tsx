// The forms of the site visits pages (decision 039): scheduling (a new visit, or moving one
// not yet reported), cancelling one with a reason, and the report with its photos. Plain posts that work without JavaScript;
// Conform adds instant validation and keeps what was typed when the server refuses.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import { useT, type MessageKey } from "~/utils/i18n";
import { CancelVisitSchema, ScheduleVisitSchema, VisitReportSchema } from "./schemas";
import { VISIT_DURATION_DEFAULT, VISIT_DURATION_MAX, VISIT_DURATION_MIN, VISIT_PHOTOS_PER_POST } from "./visit-rules";

type Meta = FieldMetadata<string[] | undefined>;

function CheckboxGroup({
  meta,
  legend,
  options,
}: {
  meta: Meta;
  legend: MessageKey;
  options: { value: string; label: string }[];
}) {
  const t = useT();
  const props = getCollectionProps(meta, { type: "checkbox", options: options.map((o) => o.value) });
  return (
    <fieldset aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>
        <strong>{t(legend)}</strong>
      </legend>
      {props.map((p, i) => (
        <div key={p.key ?? p.value}>
          <label htmlFor={p.id}>
            <input {...p} key={p.key} required={false} /> {options[i]?.label}
          </label>
        </div>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export interface ScheduleDefaults {
  entryId?: string;
  scheduledAt?: string;
  durationMinutes?: number;
  address?: string;
  note?: string | null;
  memberIds?: string[];
}

/**
 * Schedules a visit: with `entries` the organiser picks the entry; without, the entry is fixed
 * (moving a visit) and travels as a hidden field.
 */
export function ScheduleForm({
  id,
  lastResult,
  entries,
  jury,
  defaults,
  submit,
  children,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | null;
  entries?: { id: string; label: string }[];
  jury: { id: string; name: string; title: string | null }[];
  defaults: ScheduleDefaults;
  submit: MessageKey;
  children?: ReactNode;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(ScheduleVisitSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScheduleVisitSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      entryId: defaults.entryId ?? "",
      scheduledAt: defaults.scheduledAt ?? "",
      durationMinutes: String(defaults.durationMinutes ?? VISIT_DURATION_DEFAULT),
      address: defaults.address ?? "",
      note: defaults.note ?? "",
      memberIds: defaults.memberIds ?? [],
    },
  });
  const note = getTextareaProps(fields.note);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="schedule" />
      {entries ? (
        <SelectField label="visits.schedule.entry" meta={fields.entryId} required>
          <option value="">{t("visits.schedule.choose")}</option>
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </SelectField>
      ) : (
        <input {...getInputProps(fields.entryId, { type: "hidden" })} key={fields.entryId.key} />
      )}
      <Field label="visits.schedule.date" meta={fields.scheduledAt} type="datetime-local" required />
      <Field
        label="visits.schedule.duration"
        meta={fields.durationMinutes}
        type="number"
        inputMode="numeric"
        min={VISIT_DURATION_MIN}
        max={VISIT_DURATION_MAX}
        step={15}
      />
      <Field label="visits.schedule.address" meta={fields.address} required autoComplete="street-address" />
      {children}
      <div className="field">
        <label htmlFor={fields.note.id}>{t("visits.schedule.note")}</label>
        <textarea {...note} key={note.key} rows={3} />
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <CheckboxGroup
        meta={fields.memberIds}
        legend="visits.schedule.members"
        options={jury.map((m) => ({ value: m.id, label: m.title ? `${m.name} — ${m.title}` : m.name }))}
      />
      <p>
        <button type="submit" className="button">
          {t(submit)}
        </button>
      </p>
    </Form>
  );
}

/** The report: findings, members present, photos (multipart: the photos go to the file storage). */
export function ReportForm({
  lastResult,
  members,
  defaults,
}: {
  lastResult: SubmissionResult<string[]> | null;
  members: { id: string; name: string }[];
  defaults: { findings: string; presentIds: string[] };
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "report",
    lastResult,
    constraint: getZodConstraint(VisitReportSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VisitReportSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: defaults,
  });
  const findings = getTextareaProps(fields.findings);
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="report" />
      <div className="field">
        <label htmlFor={fields.findings.id}>
          {t("visits.report.findings")}
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <textarea {...findings} key={findings.key} rows={8} />
        <ErrorList id={fields.findings.errorId} errors={fields.findings.errors} />
      </div>
      <CheckboxGroup
        meta={fields.presentIds}
        legend="visits.report.present"
        options={members.map((m) => ({ value: m.id, label: m.name }))}
      />
      <div className="field">
        <label htmlFor="report-photos">{t("visits.report.addPhotos", { max: VISIT_PHOTOS_PER_POST })}</label>
        <input id="report-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple />
      </div>
      <p>
        <button type="submit" className="button">
          {t("visits.report.submit")}
        </button>
      </p>
    </Form>
  );
}

/** Cancels a scheduled visit: the reason is required, kept in the history and mailed to the members. */
export function CancelForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "cancel",
    lastResult,
    constraint: getZodConstraint(CancelVisitSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelVisitSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const reason = getTextareaProps(fields.reason);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="cancel" />
      <div className="field">
        <label htmlFor={fields.reason.id}>
          {t("visits.cancel.reason")}
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <textarea {...reason} key={reason.key} rows={3} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <p>
        <button type="submit" className="button button-secondary">
          {t("visits.cancel.submit")}
        </button>
      </p>
    </Form>
  );
}
