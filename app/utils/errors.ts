// Domain services throw DomainError (never a Response); routes map it to an HTTP answer.
import type { MessageKey, TranslateParams } from "./i18n";

export class DomainError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429,
    public readonly messageKey: MessageKey,
    public readonly params?: TranslateParams,
    public readonly field?: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export const forbidden = (key: MessageKey = "error.403") => new DomainError(403, key);
export const notFound = (key: MessageKey = "error.404") => new DomainError(404, key);
