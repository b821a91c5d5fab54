// Server side of the Conform pattern: parse with zod, answer 400 with the submission (which
// carries what the user typed, minus secrets) or map a DomainError to a form error.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { formFailure, retryAfterHeaders } from "./http.server";
import type { TFunction } from "./i18n";
import { redirectWithToast, type Toast } from "./toast.server";

type Reply = {
  reply(options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }): SubmissionResult<string[]>;
};

export function invalid(submission: Reply, hideFields: string[] = []) {
  return data({ result: submission.reply({ hideFields }) }, { status: 400 });
}

/** Turns a DomainError into a 4xx form reply; anything else propagates (a real 500). */
export function replyWithDomainError(
  error: unknown,
  submission: Reply,
  opts: { hideFields?: string[]; t?: TFunction } = {},
) {
  const hideFields = opts.hideFields ?? [];
  const failure = formFailure(error);
  // Keys travel as keys (translated in the browser); a message with parameters is translated here.
  const message = failure.params && opts.t ? opts.t(failure.messageKey, failure.params) : failure.messageKey;
  const result = failure.field
    ? submission.reply({ fieldErrors: { [failure.field]: [message] }, hideFields })
    : submission.reply({ formErrors: [message], hideFields });
  return data({ result }, { status: failure.status, headers: retryAfterHeaders(failure) });
}

/** A refused POST on a page of several forms: which form it belongs to, and Conform's reply. */
export interface FormReply {
  form: string;
  result: SubmissionResult<string[]>;
}

/**
 * One form of a page with several: parse it with `schema` (400 with what was typed), run the
 * write and redirect with its toast, or answer a DomainError on the form named `form`.
 */
export async function submitForm<S extends z.ZodType>(
  form: string,
  formData: FormData,
  schema: S,
  t: TFunction,
  run: (value: z.output<S>) => Promise<{ to: string; toast: Toast }>,
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data<FormReply>({ form, result: submission.reply() }, { status: 400 });
  try {
    const { to, toast } = await run(submission.value as z.output<S>);
    return redirectWithToast(to, toast);
  } catch (error) {
    const reply = replyWithDomainError(error, submission, { t });
    return data<FormReply>({ form, result: reply.data.result }, reply.init ?? undefined);
  }
}
