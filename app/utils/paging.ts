// Paging of lists: one parser for the ?page= search param and one place that turns
// (page, total) into skip/take. Pure, so it is tested without a database.
import { z } from "zod";

export const PAGE_SIZE = 20;
export const MAX_PAGE = 100_000;

// Built on first use, not at import: the pagination links import this module in the browser, and
// a schema built at module level would pull zod into public pages (decision 015).
let pageParam: z.ZodType<number, unknown> | undefined;

/** A page number from a search param; anything that is not a positive integer means page 1. */
export function parsePage(value: unknown): number {
  pageParam ??= z.coerce.number().int().min(1).max(MAX_PAGE);
  const result = pageParam.safeParse(value ?? undefined);
  return result.success ? result.data : 1;
}

export interface Paging {
  page: number;
  pages: number;
  total: number;
  skip: number;
  take: number;
}

/** Clamps the requested page to the last one, so a stale link past the end shows the last page. */
export function paging(requested: number, total: number, size = PAGE_SIZE): Paging {
  const pages = Math.max(1, Math.ceil(Math.max(0, total) / size));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  return { page, pages, total: Math.max(0, total), skip: (page - 1) * size, take: size };
}

/** The search string of another page, keeping every other param (filters) as it was. */
export function pageSearch(current: URLSearchParams | string, page: number): string {
  const params = new URLSearchParams(current);
  if (page <= 1) params.delete("page");
  else params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
