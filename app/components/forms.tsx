// Accessible form pieces over Conform: every input has a label, its errors are announced and
// linked with aria-describedby, and server-side errors come back in the user's language.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
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

interface FieldProps {
  label: MessageKey;
  meta: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "url" | "search";
  hint?: MessageKey;
  autoComplete?: string;
  required?: boolean;
  inputMode?: "text" | "email" | "numeric" | "tel";
}

export function Field({ label, meta, type = "text", hint, autoComplete, required, inputMode }: FieldProps) {
  const t = useT();
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {t(label)}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {t(hint)}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} required={required} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  label,
  meta,
  children,
  required,
}: {
  label: MessageKey;
  meta: FieldMetadata<string | undefined | null>;
  children: ReactNode;
  required?: boolean;
}) {
  const t = useT();
  const props = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {t(label)}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <select {...props} key={props.key} required={required}>
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
