// Translations: Vietnamese first, English second. Every user-facing string lives in
// app/locales/<lang>/*.ts; English dictionaries are typed against the Vietnamese keys, so a
// missing translation is a type error. See docs/decisions/005-i18n.md.
import { useRouteLoaderData } from "@remix-run/react";
import { en } from "~/locales/en";
import { vi } from "~/locales/vi";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export type MessageKey = keyof typeof vi;
export type TranslateParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TranslateParams) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in vi;
}

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const template = dictionaries[locale][key] ?? dictionaries.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function getT(locale: Locale): TFunction {
  return (key, params) => translate(locale, key, params);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): TFunction {
  return getT(useLocale());
}
