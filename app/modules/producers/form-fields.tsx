// Form pieces the producer's forms need beyond ~/components/forms: multi-line text and a pair of
// radio buttons, with the same label / hint / error wiring (aria-describedby, announced errors).
import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, RequiredMark } from "~/components/forms";
import { useT, type MessageKey } from "~/utils/i18n";

export function TextareaField({
  label,
  meta,
  hint,
  required,
  rows = 3,
}: {
  label: MessageKey;
  meta: FieldMetadata<string | undefined | null>;
  hint?: MessageKey;
  required?: boolean;
  rows?: number;
}) {
  const t = useT();
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getTextareaProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {t(label)}
        {required ? <RequiredMark /> : null}
      </label>
      {hint ? (
        <p id={hintId} className="hint pre-line">
          {t(hint)}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} required={required} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Radio buttons for a short list of choices, in a fieldset whose legend is the question. */
export function RadioField({
  label,
  meta,
  options,
  required,
}: {
  label: MessageKey;
  meta: FieldMetadata<string | undefined | null>;
  options: Array<{ value: string; label: MessageKey }>;
  required?: boolean;
}) {
  const t = useT();
  const current = typeof meta.initialValue === "string" ? meta.initialValue : undefined;
  return (
    <fieldset className="radio-field" aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>
        {t(label)}
        {required ? <RequiredMark /> : null}
      </legend>
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="radio"
            name={meta.name}
            value={o.value}
            defaultChecked={current === o.value}
            required={required}
          />
          <span>{t(o.label)}</span>
        </label>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** One titled part of a long form, so a phone screen shows it in digestible pieces. */
export function FormSection({
  title,
  intro,
  level = 2,
  children,
}: {
  title: MessageKey;
  intro?: MessageKey;
  /** Heading level of the section title: 3 when the form sits under a page's own h2. */
  level?: 2 | 3;
  children: ReactNode;
}) {
  const t = useT();
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <fieldset className="form-section stack">
      <legend>
        <Heading>{t(title)}</Heading>
      </legend>
      {intro ? <p className="hint">{t(intro)}</p> : null}
      {children}
    </fieldset>
  );
}
