// HTTP helpers for routes: typed error responses, safe redirects, zod-parsed params.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { DomainError, type DomainErrorCode } from "./errors";
import type { MessageKey, TranslateParams } from "./i18n";

export interface ErrorPayload {
  messageKey: MessageKey;
  params?: TranslateParams;
}

/** Throw from a loader/action; the route's ErrorBoundary shows the translated message. */
export function httpError(
  status: number,
  messageKey: MessageKey,
  params?: TranslateParams,
  headers?: HeadersInit,
): never {
  throw data<ErrorPayload>({ messageKey, params }, { status, headers });
}

/** A 429 (a DomainError with a `seconds` parameter) tells the client when to try again. */
export function retryAfterHeaders(error: DomainError): Record<string, string> | undefined {
  const seconds = error.status === 429 ? error.params?.seconds : undefined;
  return seconds === undefined ? undefined : { "Retry-After": String(seconds) };
}

export const throwForbidden = () => httpError(403, "error.403");
export const throwNotFound = () => httpError(404, "error.404");

// ───────────── the one mapping from a DomainError to a route's answer ─────────────

/**
 * A DomainError as the HTTP error the route's ErrorBoundary shows (same status, message and
 * Retry-After); anything else propagates (a real 500). Loaders, and actions with no form.
 */
export function throwHttpError(error: unknown): never {
  if (error instanceof DomainError) httpError(error.status, error.messageKey, error.params, retryAfterHeaders(error));
  throw error;
}

/** Runs a service call; a DomainError it throws becomes the HTTP error (see throwHttpError). */
export async function mapDomainErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throwHttpError(error);
  }
}

/** The generic refusals: no form can help, the error page says what happened. */
const PAGE_CODES = new Set<DomainErrorCode>(["forbidden", "not_found"]);

/**
 * For an action's catch: a generic refusal (403/404 without a message of its own) is thrown as
 * the error page; any other DomainError is returned for the form to show, with its status;
 * anything else propagates (a real 500). The route only chooses the shape of its reply.
 */
export function formFailure(error: unknown): DomainError {
  if (!(error instanceof DomainError) || PAGE_CODES.has(error.code)) throwHttpError(error);
  return error;
}

// Any control character (TAB, CR, LF, NUL, DEL…): browsers drop TAB/CR/LF inside URLs, so
// "/\t/evil.example" becomes "//evil.example", and a CR/LF cannot go into a Location header.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// A stand-in for the app's own origin: only the path part of a target is ever kept.
const APP_ORIGIN = "http://app.invalid";

/**
 * The one gate for every redirect target that comes from input (query, form field): it is kept
 * only if it is a relative path that resolves, as a browser would resolve it, to this app's
 * own origin; otherwise the fallback. The answer is the resolved path (normalised), so what the
 * browser follows is exactly what was checked.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || CONTROL_CHARACTER.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, APP_ORIGIN);
  } catch {
    return fallback;
  }
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (url.origin !== APP_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/** Parse route or search params with zod; bad input is a 400 (or 404 for ids), never a 500. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown, status: 400 | 404 = 400): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) httpError(status, status === 404 ? "error.404" : "error.400");
  return result.data;
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
