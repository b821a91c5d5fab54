// One drop-down of the public register's GET filter forms (/products, /statistics): a labelled
// select whose first option, "all", leaves the filter off. Also the certificate status badge the
// register's pages share.
import type { ReactNode } from "react";
import { prizeLabelKey, type PrizeTierName } from "~/modules/certificates/prizes";
import type { CertificateStatus } from "~/modules/certificates/validity";
import { useT, type MessageKey, type TFunction } from "~/utils/i18n";
import { LEVELS, PRIZE_FILTERS, STATUSES } from "./filters";

export const levelOptions = (t: TFunction) => LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }));
export const statusOptions = (t: TFunction) => STATUSES.map((s) => ({ value: s, label: t(`register.status.${s}`) }));
/** "Có giải", then each tier (decision 029). */
export const prizeOptions = (t: TFunction) =>
  PRIZE_FILTERS.map((p) => ({
    value: p,
    label: p === "any" ? t("prizes.register.any") : t(prizeLabelKey(p.toUpperCase() as PrizeTierName)),
  }));
/** The years with certificates, plus the chosen one when it has none, so the select shows what is applied. */
export const yearOptions = (years: number[], chosen?: number) =>
  (chosen && !years.includes(chosen) ? [chosen, ...years] : years).map((year) => ({ value: year, label: year }));

export function StatusBadge({ status }: { status: CertificateStatus }) {
  const t = useT();
  return <span className={`status status-${status}`}>{t(`register.status.${status}`)}</span>;
}

export function FilterSelect({
  name,
  label,
  value,
  all = "register.all",
  options = [],
  children,
}: {
  /** The search parameter; also the select's id, which the label points to. */
  name: string;
  label: MessageKey;
  value: string;
  /** The label of the first, empty option; null for a select that has no "all" (sorting). */
  all?: MessageKey | null;
  options?: ReadonlyArray<{ value: string | number; label: ReactNode }>;
  /** Options beyond `options`, e.g. optgroups. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={name}>{t(label)}</label>
      <select id={name} name={name} defaultValue={value}>
        {all ? <option value="">{t(all)}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}
