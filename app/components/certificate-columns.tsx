// The columns that describe a recognised product's certificate in the nominations lists (the
// nomination form and the package download): serial, product, group, establishment, validity.
// One definition so both pages read the same on a wide screen and as cards on a phone.
import type { Column } from "~/components/data-table";
import { formatDate } from "~/utils/dates";
import type { TFunction } from "~/utils/i18n";

export interface CertificateRow {
  serial: string;
  productName: string;
  productGroup: string;
  establishmentName: string;
  status: "valid" | "expired" | "revoked";
  validUntil: string | Date;
  entryCode?: string | null;
}

export function certificateColumns<Row extends CertificateRow>(t: TFunction): Column<Row>[] {
  return [
    { key: "serial", header: t("nominations.col.serial"), half: true, cell: (c) => c.serial },
    {
      key: "product",
      header: t("nominations.col.product"),
      primary: true,
      rowHeader: true,
      cell: (c) => (
        <>
          {c.productName}
          {c.entryCode ? <span className="muted"> ({c.entryCode})</span> : null}
        </>
      ),
    },
    { key: "group", header: t("nominations.col.group"), half: true, cell: (c) => c.productGroup },
    { key: "establishment", header: t("nominations.col.establishment"), cell: (c) => c.establishmentName },
    {
      key: "status",
      header: t("nominations.col.status"),
      cell: (c) => (
        <span className="badge">
          {c.status === "revoked"
            ? t("nominations.certStatus.revoked")
            : t(`nominations.certStatus.${c.status}`, { date: formatDate(c.validUntil) })}
        </span>
      ),
    },
  ];
}
