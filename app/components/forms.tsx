// Accessible form pieces over Conform: every input has a label, its errors are announced and
// linked with aria-describedby, and server-side errors come back in the user's language.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactElement, ReactNode } from "react";
import { isMessageKey, useT, type MessageKey } from "~/utils/i18n";

export function useErrorText() {
  const t = useT();
  return (error: string) => (isMessageKey(error) ? t(error) : error);
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

/**
 * A field's hint: a message key (translated here) or content the caller has already rendered,
 * e.g. `<>{t("key", { min, max })}</>` for a message with parameters.
 */
export type Hint = MessageKey | ReactElement;

function HintText({ id, hint }: { id?: string; hint?: Hint }) {
  const t = useT();
  if (!hint) return null;
  return (
    <p id={id} className="hint">
      {typeof hint === "string" ? t(hint) : hint}
    </p>
  );
}

/**
 * true: the browser requires a value and the label shows a "*". "unmarked": the schema's own
 * constraint decides (as Conform gives it), with no "*". Left out: not required in the browser,
 * whatever the schema says (the server still checks).
 */
export type Required = boolean | "unmarked";

function requiredAttribute(required: Required | undefined, fromSchema: boolean | undefined) {
  return required === "unmarked" ? fromSchema : required;
}

/** The "*" after the label of a field the browser requires (screen readers hear the required state instead). */
export function RequiredMark() {
  return (
    <span className="required" aria-hidden="true">
      {" "}
      *
    </span>
  );
}

function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: MessageKey; required?: Required }) {
  const t = useT();
  return (
    <label htmlFor={htmlFor}>
      {t(label)}
      {required === true ? <RequiredMark /> : null}
    </label>
  );
}

interface FieldProps {
  label: MessageKey;
  meta: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "datetime-local" | "url" | "search";
  hint?: Hint;
  autoComplete?: string;
  required?: Required;
  inputMode?: "text" | "email" | "numeric" | "decimal" | "tel";
  placeholder?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
}

export function Field({
  label,
  meta,
  type = "text",
  hint,
  autoComplete,
  required,
  inputMode,
  placeholder,
  min,
  max,
  step,
}: FieldProps) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <FieldLabel htmlFor={meta.id} label={label} required={required} />
      <HintText id={hintId} hint={hint} />
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={requiredAttribute(required, props.required)}
        placeholder={placeholder}
        min={min}
        max={max}
        step={step}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A drop-down list; the caller gives the options as children. */
export function SelectField({
  label,
  meta,
  children,
  hint,
  required,
}: {
  label: MessageKey;
  meta: FieldMetadata<string | undefined | null>;
  children: ReactNode;
  hint?: Hint;
  required?: Required;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getSelectProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <FieldLabel htmlFor={meta.id} label={label} required={required} />
      <HintText id={hintId} hint={hint} />
      <select {...props} key={props.key} required={requiredAttribute(required, props.required)}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Form-level errors (e.g. "wrong email or password"), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} className="notice notice-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}
