// Domain services throw DomainError (never a Response); routes map it to an HTTP answer with the
// one mapper in http.server.ts (throwHttpError / formFailure) and branch on `code`, never on a
// translation key.
import type { MessageKey, TranslateParams } from "./i18n";

type Status = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429;

/**
 * What went wrong, for code to branch on. The status-level codes are derived from the status;
 * "forbidden" and "not_found" are the generic refusals (the error page), while a 403/404 that
 * carries its own message is "refused"/"missing" (shown where the user acted). The named codes
 * are the few outcomes a route answers in its own way.
 */
export type DomainErrorCode =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "refused"
  | "not_found"
  | "missing"
  | "conflict"
  | "gone"
  | "unprocessable"
  | "rate_limited"
  // a judge must sign the conflict-of-interest declaration first (the route redirects to it)
  | "declaration_required"
  // a round cannot move to the asked status from its current one
  | "transition_not_allowed"
  // someone else saved the same score sheet first (the page stops autosaving)
  | "version_conflict"
  // the round's results are not finalised yet (recognition shows a page that says so)
  | "results_not_finalised";

const CODE_OF_STATUS: Record<Status, DomainErrorCode> = {
  400: "invalid",
  401: "unauthenticated",
  403: "refused",
  404: "missing",
  409: "conflict",
  410: "gone",
  422: "unprocessable",
  429: "rate_limited",
};

function codeOf(status: Status, messageKey: MessageKey): DomainErrorCode {
  if (status === 403 && messageKey === "error.403") return "forbidden";
  if (status === 404 && messageKey === "error.404") return "not_found";
  return CODE_OF_STATUS[status];
}

export class DomainError extends Error {
  public readonly code: DomainErrorCode;
  constructor(
    public readonly status: Status,
    public readonly messageKey: MessageKey,
    public readonly params?: TranslateParams,
    public readonly field?: string,
    code?: DomainErrorCode,
  ) {
    super(messageKey);
    this.name = "DomainError";
    this.code = code ?? codeOf(status, messageKey);
  }
}

/** True for a DomainError (with the given code, when one is given). */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

export const forbidden = (key: MessageKey = "error.403") => new DomainError(403, key);
export const notFound = (key: MessageKey = "error.404") => new DomainError(404, key);
