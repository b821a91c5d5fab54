// The judge's sheet autosave (a fetcher POST with intent=autosave every few seconds, see
// app/components/score-sheet-form.tsx) answers its own fetcher with the new version: nothing
// the root loader (user, navigation, toast) or the sheet page's loader shows has changed, so
// neither is reloaded after it. Every other submission — an explicit save or submission, a
// log-out, a redirect (302 navigations carry no form data) — revalidates as Remix would.
// Pure and free of zod: root.tsx imports it into every page's client bundle.
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";

export const AUTOSAVE_INTENT = "autosave";

/** The judge's sheet page, the only action that takes autosaves. */
const SHEET_ACTION = /^\/judge\/rounds\/[^/]+\/entries\/[^/]+\/?$/;

/** Whether this revalidation follows an autosave of a score sheet that stayed on the same page. */
export function isSheetAutosave(
  args: Pick<ShouldRevalidateFunctionArgs, "formMethod" | "formAction" | "formData" | "currentUrl" | "nextUrl">,
): boolean {
  if (args.formMethod?.toUpperCase() !== "POST" || args.formData?.get("intent") !== AUTOSAVE_INTENT) return false;
  if (args.currentUrl.pathname !== args.nextUrl.pathname) return false;
  const action = args.formAction ? new URL(args.formAction, args.currentUrl).pathname : args.currentUrl.pathname;
  return SHEET_ACTION.test(action);
}

/** shouldRevalidate for the root and the sheet route: no reload after an autosave, the default otherwise. */
export const skipAfterAutosave = (args: ShouldRevalidateFunctionArgs): boolean =>
  isSheetAutosave(args) ? false : args.defaultShouldRevalidate;
