// What the jury page's parts share: the loader's data type, the reply of a refused form, a
// checkbox with its label beside it.
import { getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorList } from "~/components/forms";
import type { action, loader } from "./route";

export type LoaderData = Awaited<ReturnType<typeof loader>>;
export type Meta = FieldMetadata<unknown>;

export function useReply(form: string) {
  const actionData = useActionData<typeof action>();
  return actionData && "form" in actionData && actionData.form === form ? actionData.result : undefined;
}

export function formErrorsOf(result: SubmissionResult<string[]> | undefined) {
  return result?.error?.[""] ?? undefined;
}

export function Checkbox({ meta, label, hint }: { meta: Meta; label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        <input {...props} key={props.key} /> <span>{label}</span>
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
