// The settings fields shared by the "new round" form and the round page's edit form (Conform
// field metadata in, labelled inputs out). Every control works without JavaScript.
import { getCollectionProps, getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList, RequiredMark } from "~/components/forms";
import { useT, type MessageKey } from "~/utils/i18n";
import { ALWAYS_REQUIRED_DOCUMENTS, OPTIONAL_DOCUMENTS, PRODUCT_GROUPS } from "./round-fields";

type Meta = FieldMetadata<unknown>;

export interface SettingsFieldset {
  name: Meta;
  groups: Meta;
  entriesOpenAt: Meta;
  entriesCloseAt: Meta;
  judgingStartAt: Meta;
  resultsAt: Meta;
  passLine: Meta;
  requiredDocuments: Meta;
  description: Meta;
}

function Label({ meta, label, required }: { meta: Meta; label: MessageKey; required?: boolean }) {
  const t = useT();
  return (
    <label htmlFor={meta.id}>
      {t(label)}
      {required ? <RequiredMark /> : null}
    </label>
  );
}

export function InputField({
  meta,
  label,
  type,
  hint,
  required,
  extra,
}: {
  meta: Meta;
  label: MessageKey;
  type: "text" | "number" | "date" | "datetime-local";
  hint?: MessageKey;
  required?: boolean;
  extra?: { min?: number; max?: number; step?: number | string; inputMode?: "numeric" | "decimal" };
}) {
  const t = useT();
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <Label meta={meta} label={label} required={required} />
      {hint ? (
        <p id={hintId} className="hint">
          {t(hint)}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        required={required}
        min={extra?.min}
        max={extra?.max}
        step={extra?.step}
        inputMode={extra?.inputMode}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Checkboxes of one multi-valued field in a fieldset with a legend; errors under the group. */
function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  fixed = [],
}: {
  meta: Meta;
  legend: MessageKey;
  hint?: MessageKey;
  options: { value: string; label: string }[];
  /** Always checked and not sent (the server adds them whatever the form says). */
  fixed?: { value: string; label: string }[];
}) {
  const t = useT();
  const props = getCollectionProps(meta, { type: "checkbox", options: options.map((o) => o.value) });
  return (
    <fieldset aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>
        <strong>{t(legend)}</strong>
      </legend>
      {hint ? <p className="hint">{t(hint)}</p> : null}
      {fixed.map((f) => (
        <div key={f.value}>
          <label>
            <input type="checkbox" checked disabled readOnly /> {f.label}{" "}
            <span className="muted">{t("rounds.field.alwaysRequired")}</span>
          </label>
        </div>
      ))}
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

export function RoundSettingsFields({ fields }: { fields: SettingsFieldset }) {
  const t = useT();
  const textarea = getTextareaProps(fields.description);
  return (
    <>
      <InputField meta={fields.name} label="rounds.field.name" type="text" hint="rounds.field.name.hint" required />
      <CheckboxGroup
        meta={fields.groups}
        legend="rounds.field.groups"
        options={PRODUCT_GROUPS.map((g) => ({ value: g, label: `${g} — ${t(`group.${g}`)}` }))}
      />
      <fieldset className="stack">
        <legend>
          <strong>{t("rounds.field.timeline")}</strong>
        </legend>
        <p className="hint">{t("rounds.field.timeline.hint")}</p>
        <div className="grid-2">
          <InputField meta={fields.entriesOpenAt} label="rounds.field.entriesOpenAt" type="datetime-local" required />
          <InputField meta={fields.entriesCloseAt} label="rounds.field.entriesCloseAt" type="datetime-local" required />
          <InputField meta={fields.judgingStartAt} label="rounds.field.judgingStartAt" type="date" />
          <InputField meta={fields.resultsAt} label="rounds.field.resultsAt" type="date" />
        </div>
      </fieldset>
      <InputField
        meta={fields.passLine}
        label="rounds.field.passLine"
        type="number"
        hint="rounds.field.passLine.hint"
        required
        extra={{ min: 0, max: 100, step: 0.5, inputMode: "decimal" }}
      />
      <CheckboxGroup
        meta={fields.requiredDocuments}
        legend="rounds.field.requiredDocuments"
        hint="rounds.field.requiredDocuments.hint"
        fixed={ALWAYS_REQUIRED_DOCUMENTS.map((d) => ({ value: d, label: t(`rounds.doc.${d}`) }))}
        options={OPTIONAL_DOCUMENTS.map((d) => ({ value: d, label: t(`rounds.doc.${d}`) }))}
      />
      <div className="field">
        <Label meta={fields.description} label="rounds.field.description" />
        <textarea {...textarea} key={textarea.key} rows={4} />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
    </>
  );
}

/** One number input per province (regional and national rounds); blank = no quota. */
export function QuotaFields({
  meta,
  provinces,
}: {
  meta: FieldMetadata<{ provinceId: string; quota?: number }[] | undefined>;
  provinces: { id: string; name: string }[];
}) {
  const t = useT();
  const names = new Map(provinces.map((p) => [p.id, p.name]));
  const items = meta.getFieldList();
  if (provinces.length === 0) return null;
  return (
    <fieldset>
      <legend>
        <strong>{t("rounds.field.quotas")}</strong>
      </legend>
      <p className="hint">{t("rounds.field.quotas.hint")}</p>
      <ErrorList id={meta.errorId} errors={meta.errors} />
      <div className="grid-3">
        {items.map((item) => {
          const f = item.getFieldset();
          const provinceId = (f.provinceId.initialValue as string | undefined) ?? "";
          const hidden = getInputProps(f.provinceId, { type: "hidden" });
          const quota = getInputProps(f.quota, { type: "number" });
          return (
            <div className="field" key={item.key}>
              <input {...hidden} key={hidden.key} />
              <label htmlFor={f.quota.id}>
                {t("rounds.field.quotaFor", { province: names.get(provinceId) ?? provinceId })}
              </label>
              <input {...quota} key={quota.key} min={0} max={10000} step={1} inputMode="numeric" />
              <ErrorList id={f.quota.errorId} errors={f.quota.errors} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
