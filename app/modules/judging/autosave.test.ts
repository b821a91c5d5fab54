// After a score sheet's autosave neither the root loader nor the sheet page's loader runs again;
// after anything else they revalidate as Remix decides. Tests the routes' own shouldRevalidate.
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { describe, expect, test } from "vitest";
import { shouldRevalidate as rootShouldRevalidate } from "~/root";
import { shouldRevalidate as sheetShouldRevalidate } from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { AUTOSAVE_INTENT, isSheetAutosave } from "./autosave";

const SHEET = "/judge/rounds/r1/entries/e1";

function args(
  over: Partial<ShouldRevalidateFunctionArgs> & { intent?: string; path?: string; next?: string },
): ShouldRevalidateFunctionArgs {
  const { intent, path = SHEET, next, ...rest } = over;
  const formData = new FormData();
  if (intent) formData.set("intent", intent);
  formData.set("version", "3");
  formData.set("score_1_1", "12.5");
  return {
    currentUrl: new URL(`http://localhost${path}`),
    nextUrl: new URL(`http://localhost${next ?? path}`),
    currentParams: {},
    nextParams: {},
    formMethod: "POST",
    formAction: path,
    formData,
    defaultShouldRevalidate: true,
    ...rest,
  };
}

describe.each([
  ["root", rootShouldRevalidate],
  ["sheet route", sheetShouldRevalidate],
])("%s shouldRevalidate", (_name, fn) => {
  test("an autosave of the sheet does not revalidate, whatever its answer", () => {
    expect(fn(args({ intent: AUTOSAVE_INTENT }))).toBe(false);
    expect(fn(args({ intent: AUTOSAVE_INTENT, actionStatus: 200 }))).toBe(false);
    expect(fn(args({ intent: AUTOSAVE_INTENT, actionStatus: 409 }))).toBe(false);
    expect(
      fn(args({ intent: AUTOSAVE_INTENT, formMethod: "post" as ShouldRevalidateFunctionArgs["formMethod"] })),
    ).toBe(false);
  });

  test("an explicit save or a submission revalidates as Remix decides", () => {
    expect(fn(args({ intent: "save" }))).toBe(true);
    expect(fn(args({ intent: "submit" }))).toBe(true);
    expect(fn(args({ intent: "save", defaultShouldRevalidate: false }))).toBe(false);
  });

  test("a navigation (no form, or a redirect elsewhere) keeps the default", () => {
    expect(fn(args({ formMethod: undefined, formData: undefined, formAction: undefined }))).toBe(true);
    expect(fn(args({ intent: AUTOSAVE_INTENT, next: "/login" }))).toBe(true);
  });

  test("intent=autosave posted to another action (log-out, language, another form) revalidates", () => {
    expect(fn(args({ intent: AUTOSAVE_INTENT, formAction: "/logout" }))).toBe(true);
    expect(fn(args({ intent: AUTOSAVE_INTENT, path: "/admin/rounds/r1/sheets/e1/m1" }))).toBe(true);
    expect(fn(args({ intent: AUTOSAVE_INTENT, formAction: `${SHEET}/sheet.pdf` }))).toBe(true);
  });
});

test("isSheetAutosave reads the form action relative to the page", () => {
  expect(isSheetAutosave(args({ intent: AUTOSAVE_INTENT, formAction: `http://localhost${SHEET}` }))).toBe(true);
  expect(isSheetAutosave(args({ intent: AUTOSAVE_INTENT, formAction: `${SHEET}/` }))).toBe(true);
  expect(
    isSheetAutosave(args({ intent: AUTOSAVE_INTENT, formMethod: "GET" as ShouldRevalidateFunctionArgs["formMethod"] })),
  ).toBe(false);
});
