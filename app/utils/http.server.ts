// HTTP helpers for routes: typed error responses, safe redirects, zod-parsed params.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { DomainError } from "./errors";
import type { MessageKey, TranslateParams } from "./i18n";

export interface ErrorPayload {
  messageKey: MessageKey;
  params?: TranslateParams;
}

/** Throw from a loader/action; the route's ErrorBoundary shows the translated message. */
export function httpError(status: number, messageKey: MessageKey, params?: TranslateParams): never {
  throw data<ErrorPayload>({ messageKey, params }, { status });
}

export const throwForbidden = () => httpError(403, "error.403");
export const throwNotFound = () => httpError(404, "error.404");

/** Maps a DomainError thrown by a service to the HTTP error the route answers with. */
export async function mapDomainErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) httpError(error.status, error.messageKey, error.params);
    throw error;
  }
}

/** Only same-site relative paths may be redirect targets (no open redirects). */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
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
