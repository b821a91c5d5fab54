// How a role's or an invitation's jurisdiction reads to people ("Tỉnh/thành phố Bắc Ninh").
// Pure: used by pages (both languages) and by the invitation mail.
import type { LevelName } from "~/modules/access/permissions";
import type { Locale, TFunction } from "~/utils/i18n";

export interface ScopeNames {
  level: LevelName;
  regionName?: string | null;
  regionNameEn?: string | null;
  provinceName?: string | null;
}

export function scopeLabel(t: TFunction, locale: Locale, s: ScopeNames): string {
  switch (s.level) {
    case "NATION":
      return t("scope.nation");
    case "REGION":
      return t("scope.region", { name: (locale === "en" ? s.regionNameEn : s.regionName) ?? s.regionName ?? "" });
    case "PROVINCE":
      return t("scope.province", { name: s.provinceName ?? "" });
    default:
      return t("level.COMMUNE");
  }
}
