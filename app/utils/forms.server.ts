// Server side of the Conform pattern: parse with zod, answer 400 with the submission (which
// carries what the user typed, minus secrets) or map a DomainError to a form error.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { DomainError } from "./errors";
import { httpError, retryAfterHeaders } from "./http.server";
import type { TFunction } from "./i18n";

type Reply = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult<string[]> };

export function invalid(submission: Reply, hideFields: string[] = []) {
  return data({ result: submission.reply({ hideFields }) }, { status: 400 });
}

/** Turns a DomainError into a 4xx form reply; anything else propagates (a real 500). */
export function replyWithDomainError(error: unknown, submission: Reply, opts: { hideFields?: string[]; t?: TFunction } = {}) {
  const hideFields = opts.hideFields ?? [];
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403 && error.messageKey === "error.403") httpError(403, "error.403");
  if (error.status === 404 && error.messageKey === "error.404") httpError(404, "error.404");
  // Keys travel as keys (translated in the browser); a message with parameters is translated here.
  const message = error.params && opts.t ? opts.t(error.messageKey, error.params) : error.messageKey;
  const result = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields })
    : submission.reply({ formErrors: [message], hideFields });
  return data({ result }, { status: error.status, headers: retryAfterHeaders(error) });
}
