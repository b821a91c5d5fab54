// Server side of the Conform pattern: parse with zod, answer 400 with the submission (which
// carries what the user typed, minus secrets) or map a DomainError to a form error.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { formFailure, retryAfterHeaders } from "./http.server";
import type { TFunction } from "./i18n";

type Reply = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult<string[]> };

export function invalid(submission: Reply, hideFields: string[] = []) {
  return data({ result: submission.reply({ hideFields }) }, { status: 400 });
}

/** Turns a DomainError into a 4xx form reply; anything else propagates (a real 500). */
export function replyWithDomainError(error: unknown, submission: Reply, opts: { hideFields?: string[]; t?: TFunction } = {}) {
  const hideFields = opts.hideFields ?? [];
  const failure = formFailure(error);
  // Keys travel as keys (translated in the browser); a message with parameters is translated here.
  const message = failure.params && opts.t ? opts.t(failure.messageKey, failure.params) : failure.messageKey;
  const result = failure.field
    ? submission.reply({ fieldErrors: { [failure.field]: [message] }, hideFields })
    : submission.reply({ formErrors: [message], hideFields });
  return data({ result }, { status: failure.status, headers: retryAfterHeaders(failure) });
}
