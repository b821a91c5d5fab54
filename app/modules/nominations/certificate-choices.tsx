// The table of a finalised round's certificates to tick, shared by the nominations page (to a
// round on this installation) and the nomination package page (to a round held elsewhere): one
// checkbox per certificate named for screen readers, its serial, product, group, establishment
// and validity; the nominations page adds its "can be nominated" column.
import type { ReactNode } from "react";
import { TableWrap } from "~/components/table-wrap";
import { formatDate } from "~/utils/dates";
import { useT, type MessageKey } from "~/utils/i18n";

export interface ChoiceCertificate {
  id: string;
  serial: string;
  productName: string;
  productGroup: string;
  establishmentName: string;
  status: "valid" | "expired" | "revoked";
  validUntil: Date | string;
  entryCode?: string | null;
}

export function CertificateChoices<C extends ChoiceCertificate>({
  certificates,
  idPrefix,
  selectLabel,
  enabled,
  checked,
  extra,
}: {
  certificates: C[];
  /** Prefix of the checkboxes' ids (unique on the page). */
  idPrefix: string;
  /** The checkbox's accessible name: {serial} and {product}. */
  selectLabel: MessageKey;
  enabled: (c: C) => boolean;
  checked?: (c: C) => boolean;
  /** One more column: its header and cell (the cell's id describes the checkbox). */
  extra?: { header: string; cell: (c: C) => ReactNode };
}) {
  const t = useT();
  return (
    <TableWrap label={t("nominations.certificates")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("nominations.col.select")}</th>
            <th scope="col">{t("nominations.col.serial")}</th>
            <th scope="col">{t("nominations.col.product")}</th>
            <th scope="col">{t("nominations.col.group")}</th>
            <th scope="col">{t("nominations.col.establishment")}</th>
            <th scope="col">{t("nominations.col.status")}</th>
            {extra ? <th scope="col">{extra.header}</th> : null}
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => {
            const on = enabled(c);
            const extraId = `${idPrefix}-extra-${c.id}`;
            return (
              <tr key={c.id}>
                <td>
                  <input
                    type="checkbox"
                    id={`${idPrefix}-${c.id}`}
                    name="certificateIds"
                    value={c.id}
                    disabled={!on}
                    defaultChecked={on && (checked?.(c) ?? false)}
                    aria-describedby={extra ? extraId : undefined}
                  />
                  <label htmlFor={`${idPrefix}-${c.id}`} className="sr-only">
                    {t(selectLabel, { serial: c.serial, product: c.productName })}
                  </label>
                </td>
                <td>{c.serial}</td>
                <td>
                  {c.productName}
                  {c.entryCode ? <span className="muted"> ({c.entryCode})</span> : null}
                </td>
                <td>{c.productGroup}</td>
                <td>{c.establishmentName}</td>
                <td>
                  <span className="badge">
                    {c.status === "revoked" ? t("nominations.certStatus.revoked") : t(`nominations.certStatus.${c.status}`, { date: formatDate(c.validUntil) })}
                  </span>
                </td>
                {extra ? <td id={extraId}>{extra.cell(c)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
