// The rubric page's read-only tables: the sums per criterion and group, a closed round's rubric,
// and the list of versions.
import { DataTable, type Column } from "~/components/data-table";
import { CRITERIA, criterionSums, type RubricItemInput } from "~/modules/judging/rubric";
import { rubricItemText } from "~/modules/judging/rubric-english";
import { numberFormatter } from "~/modules/judging/rubric-schemas";
import { formatDateTime } from "~/utils/dates";
import { useLocale, useT } from "~/utils/i18n";
import { criterionName, scopeLabel, type Group, type PageData } from "./helpers";

export function SumsTable({ items, groups }: { items: RubricItemInput[]; groups: readonly Group[] }) {
  const t = useT();
  const fmt = numberFormatter(useLocale());
  const sums = criterionSums(items, groups);
  const cell = (n: number, g: string) => sums.find((s) => s.criterion === n && s.group === g)!;
  return (
    <section className="stack" aria-labelledby="sums-h">
      <h2 id="sums-h" className="h3">
        {t("rubric.sums.title")}
      </h2>
      <p className="hint">{t("rubric.sums.hint")}</p>
      <div className="table-wrap" role="region" aria-labelledby="sums-h" tabIndex={0}>
        <table className="matrix table-stack">
          <thead>
            <tr>
              <th scope="col">{t("rubric.sums.criterion")}</th>
              <th scope="col">{t("rubric.sums.cap")}</th>
              {groups.map((g) => (
                <th key={g} scope="col">
                  {t("rubric.scope.group", { group: g })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CRITERIA.map((c) => (
              <tr key={c.n}>
                <th scope="row" className="cell-primary">
                  {c.n}. {criterionName(t, c.n)}
                </th>
                <td className="num" data-label={t("rubric.sums.cap")}>
                  {fmt(c.cap)}
                </td>
                {groups.map((g) => {
                  const s = cell(c.n, g);
                  return (
                    <td
                      key={g}
                      className={s.ok ? "num" : "num flag"}
                      data-label={t("rubric.scope.group", { group: g })}
                    >
                      {s.source === "none" ? t("rubric.sums.none") : fmt(s.sum)}{" "}
                      {s.source !== "none" ? (
                        <span className="muted">
                          ({t(s.source === "group" ? "rubric.sums.fromGroup" : "rubric.sums.fromShared")})
                        </span>
                      ) : null}
                      {s.ok ? (
                        <span aria-hidden="true"> ✓</span>
                      ) : (
                        <>
                          {" "}
                          ✗ <span>{t("rubric.sums.mismatch", { cap: fmt(c.cap) })}</span>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row" className="cell-primary">
                {t("rubric.sums.total")}
              </th>
              <td className="num" data-label={t("rubric.sums.cap")}>
                {fmt(100)}
              </td>
              {groups.map((g) => {
                const total = CRITERIA.reduce((a, c) => a + cell(c.n, g).sum, 0);
                return (
                  <td
                    key={g}
                    className={total === 100 ? "num" : "num flag"}
                    data-label={t("rubric.scope.group", { group: g })}
                  >
                    {fmt(total)}
                    {total === 100 ? <span aria-hidden="true"> ✓</span> : " ✗"}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Item = NonNullable<PageData["rubric"]>["items"][number];
type Version = PageData["versions"][number];

export function ReadOnlyRubric({
  rubric,
  groups,
}: {
  rubric: NonNullable<PageData["rubric"]>;
  groups: readonly Group[];
}) {
  const t = useT();
  const locale = useLocale();
  const fmt = numberFormatter(locale);
  const itemColumns: Column<Item>[] = [
    { key: "code", header: t("rubric.col.code"), half: true, cell: (i) => i.code },
    { key: "scope", header: t("rubric.col.scope"), half: true, cell: (i) => scopeLabel(t, i.group) },
    { key: "title", header: t("rubric.col.title"), primary: true, cell: (i) => rubricItemText(i, locale).title },
    { key: "max", header: t("rubric.col.max"), num: true, cell: (i) => fmt(i.max) },
    {
      key: "guidance",
      header: t("rubric.col.guidance"),
      className: "pre-line",
      cell: (i) => rubricItemText(i, locale).guidance,
    },
  ];
  return (
    <section className="stack" aria-labelledby="readonly-h">
      <h2 id="readonly-h" className="sr-only">
        {t("rubric.title")}
      </h2>
      <p className="notice notice-info">{t("rubric.readonly")}</p>
      {CRITERIA.map((c) => (
        <section key={c.n} className="stack" aria-labelledby={`ro-c${c.n}`}>
          <h3 id={`ro-c${c.n}`} className="h3">
            {t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}
          </h3>
          <DataTable
            columns={itemColumns}
            rows={rubric.items.filter((i) => i.criterion === c.n)}
            rowKey={(i) => i.id}
            caption={t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}
            hideCaption
          />
        </section>
      ))}
      <SumsTable items={rubric.items} groups={groups} />
    </section>
  );
}

export function Versions({ versions }: { versions: PageData["versions"] }) {
  const t = useT();
  if (!versions.length) return null;
  const columns: Column<Version>[] = [
    {
      key: "version",
      header: t("rubric.versions.col.version"),
      primary: true,
      cell: (v) => (
        <>
          {v.version}
          {v.id === versions[0]?.id ? <span className="muted"> ({t("rubric.versions.current")})</span> : null}
        </>
      ),
    },
    {
      key: "createdAt",
      header: t("rubric.versions.col.createdAt"),
      half: true,
      cell: (v) => formatDateTime(v.createdAt),
    },
    { key: "createdBy", header: t("rubric.versions.col.createdBy"), half: true, cell: (v) => v.createdBy },
    {
      key: "reason",
      header: t("rubric.versions.col.reason"),
      className: "pre-line",
      cell: (v) => v.reason ?? (v.version === 1 ? t("rubric.versions.first") : ""),
    },
    {
      key: "locked",
      header: t("rubric.versions.col.locked"),
      cell: (v) => (v.lockedAt ? formatDateTime(v.lockedAt) : t("rubric.versions.notLocked")),
    },
    { key: "items", header: t("rubric.versions.col.items"), num: true, cell: (v) => v.items },
    { key: "sheets", header: t("rubric.versions.col.sheets"), num: true, cell: (v) => v.sheets },
  ];
  return (
    <section className="stack" aria-labelledby="versions-h">
      <h2 id="versions-h">{t("rubric.versions.title")}</h2>
      <DataTable
        columns={columns}
        rows={versions}
        rowKey={(v) => v.id}
        caption={t("rubric.versions.title")}
        hideCaption
      />
    </section>
  );
}
