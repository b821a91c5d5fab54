// The tables of the results page: the ranking of a product group, the advice beside it
// (normalised scores, the jury's agreement) and the judges' tendencies. Each is a DataTable, so
// on a phone a row reads as a card with the mean near the top (decision 032).
import { Link } from "@remix-run/react";
import { DataTable, type Column } from "~/components/data-table";
import { CRITERION_KEYS } from "~/modules/judging/jury-schemas";
import { agreementLevel, type GroupResults, type JudgeRow, type ResultRow } from "~/modules/judging/results";
import { useLocale, useT, type MessageKey, type TFunction } from "~/utils/i18n";

export function useNumber() {
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  return (n: number | null | undefined) => (n === null || n === undefined ? "—" : nf.format(n));
}

const AGREEMENT_KEYS: Record<"icc" | "kendallW", Record<"high" | "moderate" | "low", MessageKey>> = {
  icc: {
    high: "results.agreement.icc.high",
    moderate: "results.agreement.icc.moderate",
    low: "results.agreement.icc.low",
  },
  kendallW: {
    high: "results.agreement.w.high",
    moderate: "results.agreement.w.moderate",
    low: "results.agreement.w.low",
  },
};

export function tieBreakText(t: TFunction, order: string[]) {
  const criteria = order.map((c) => t("results.tieBreak.criterion", { n: c.slice(1) }));
  return t("results.tieBreak", { order: criteria.join(t("results.tieBreak.then")) });
}

function VoteCell({ row }: { row: ResultRow }) {
  const t = useT();
  if (!row.vote) return <>{row.passed && row.inPass ? <span className="muted">{t("results.vote.none")}</span> : "—"}</>;
  const v = row.vote;
  return (
    <>
      {t("results.vote.summary", {
        for: v.votesFor,
        against: v.votesAgainst,
        abstain: v.votesAbstain,
        present: v.membersPresent,
        total: v.membersTotal,
      })}
      <br />
      <span className="muted">
        {v.quorum ? t("results.vote.quorum") : t("results.vote.noQuorum")} ·{" "}
        {v.majority ? t("results.vote.majority") : t("results.vote.noMajority")}
      </span>
    </>
  );
}

export function ResultsTableView({
  group,
  spreadLimit,
  entryHref,
  complaintsHref,
}: {
  group: GroupResults;
  spreadLimit: number | null;
  entryHref: ((entryId: string) => string) | null;
  complaintsHref: string;
}) {
  const t = useT();
  const num = useNumber();
  // The order of a wide screen; on a phone the product leads its card and the mean follows the rank.
  const columns: Column<ResultRow>[] = [
    { key: "rank", header: t("results.col.rank"), num: true, cell: (r) => r.rank },
    {
      key: "code",
      header: t("results.col.code"),
      half: true,
      cell: (r) => (
        <>
          {entryHref ? <Link to={entryHref(r.entryId)}>{r.code}</Link> : r.code}
          {!r.inPass ? <div className="muted">{t("results.row.earlierPass", { pass: r.pass })}</div> : null}
        </>
      ),
    },
    { key: "product", header: t("results.col.product"), primary: true, cell: (r) => r.productName },
    { key: "establishment", header: t("results.col.establishment"), cell: (r) => r.establishmentName },
    {
      key: "sheets",
      header: t("results.col.sheets"),
      num: true,
      cell: (r) => (
        <>
          {r.sheets}/{r.assigned || r.sheets}
          {r.missing ? <div className="muted">{t("results.row.missing", { count: r.missing })}</div> : null}
        </>
      ),
    },
    {
      key: "mean",
      header: t("results.col.mean"),
      num: true,
      cell: (r) => (
        <>
          <strong>{num(r.mean)}</strong>
          {r.changedSinceFinal ? (
            <div className="flag" role="note">
              {t("results.row.changedSinceFinal")}
            </div>
          ) : null}
          {r.amendedByComplaint ? (
            <div className="flag" role="note">
              <Link to={complaintsHref}>{t("results.row.amendedByComplaint")}</Link>
            </div>
          ) : null}
        </>
      ),
    },
    { key: "min", header: t("results.col.min"), num: true, cell: (r) => num(r.min) },
    { key: "max", header: t("results.col.max"), num: true, cell: (r) => num(r.max) },
    {
      key: "spread",
      header: t("results.col.spread"),
      num: true,
      cell: (r) => (
        <>
          {num(r.spread)}
          {r.spreadFlag ? (
            <div className="flag">
              <span aria-hidden="true">⚑ </span>
              {t("results.row.spreadFlag", { limit: num(spreadLimit) })}
              {r.spreadDecision ? (
                <div className="muted">{t("results.row.spreadDecided", { decision: r.spreadDecision })}</div>
              ) : null}
            </div>
          ) : null}
        </>
      ),
    },
    ...CRITERION_KEYS.map((c): Column<ResultRow> => ({
      key: c,
      header: (
        <abbr title={t("results.col.criterionLong", { n: c.slice(1) })}>
          {t("results.col.criterion", { n: c.slice(1) })}
        </abbr>
      ),
      label: t("results.col.criterionLong", { n: c.slice(1) }),
      num: true,
      cell: (r) => num(r.criterionMeans[c]),
    })),
    {
      key: "passed",
      header: t("results.col.passed"),
      half: true,
      cell: (r) =>
        r.mean === null ? (
          "—"
        ) : r.passed ? (
          <span>✓ {t("results.passed.yes")}</span>
        ) : (
          <span>✗ {t("results.passed.no")}</span>
        ),
    },
    {
      key: "recognised",
      header: t("results.col.recognised"),
      half: true,
      cell: (r) =>
        r.vote?.recognised === true ? t("common.yes") : r.vote?.recognised === false ? t("common.no") : "—",
    },
    { key: "vote", header: t("results.col.vote"), cell: (r) => <VoteCell row={r} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={group.rows}
      rowKey={(r) => r.entryId}
      caption={t("results.table.caption", { group: group.group })}
    />
  );
}

export function AdviceView({ group }: { group: GroupResults }) {
  const t = useT();
  const num = useNumber();
  const scored = group.rows.filter((r) => r.inPass);
  const ordered = [...scored].sort(
    (a, b) => (a.normalisedRank ?? Infinity) - (b.normalisedRank ?? Infinity) || a.code.localeCompare(b.code),
  );
  const { agreement } = group;
  const reading = (kind: "icc" | "kendallW", value: number | null) => {
    const level = agreementLevel(kind, value);
    return level ? t(AGREEMENT_KEYS[kind][level]) : t("results.agreement.insufficient");
  };
  const columns: Column<ResultRow>[] = [
    { key: "code", header: t("results.col.code"), primary: true, cell: (r) => r.code },
    { key: "normalised", header: t("results.advice.normalised"), num: true, cell: (r) => num(r.normalised) },
    { key: "normalisedRank", header: t("results.advice.rank"), num: true, cell: (r) => r.normalisedRank ?? "—" },
    { key: "rank", header: t("results.advice.officialRank"), num: true, cell: (r) => r.rank },
  ];
  return (
    <aside className="advice stack" aria-labelledby={`advice-${group.group}-h group-${group.group}-h`}>
      <h3 id={`advice-${group.group}-h`}>{t("results.advice.title")}</h3>
      <p className="hint">{t("results.advice.hint")}</p>
      <DataTable
        columns={columns}
        rows={ordered}
        rowKey={(r) => r.entryId}
        caption={t("results.advice.table", { group: group.group })}
        hideCaption
      />
      <h4>{t("results.agreement.title")}</h4>
      <dl className="facts">
        <dt>{t("results.agreement.icc")}</dt>
        <dd>
          <strong>{agreement.icc === null ? t("results.agreement.noData") : num(agreement.icc)}</strong> —{" "}
          {reading("icc", agreement.icc)}
        </dd>
        <dt>{t("results.agreement.w")}</dt>
        <dd>
          <strong>{agreement.kendallW === null ? t("results.agreement.noData") : num(agreement.kendallW)}</strong> —{" "}
          {reading("kendallW", agreement.kendallW)}
        </dd>
      </dl>
      <p className="hint">
        {t("results.agreement.basis", { judges: agreement.judges, entries: agreement.completeEntries })}
      </p>
    </aside>
  );
}

type Judge = JudgeRow;

export function JudgesTable({ judges }: { judges: readonly Judge[] }) {
  const t = useT();
  const num = useNumber();
  const columns: Column<Judge>[] = [
    { key: "judge", header: t("results.judges.judge"), primary: true, cell: (j) => j.name },
    { key: "panel", header: t("results.judges.panel"), cell: (j) => j.panelName ?? t("results.judges.allGroups") },
    { key: "sheets", header: t("results.judges.sheets"), num: true, cell: (j) => j.sheets },
    { key: "mean", header: t("results.judges.mean"), num: true, cell: (j) => num(j.mean) },
    {
      key: "offset",
      header: t("results.judges.offset"),
      num: true,
      cell: (j) => (j.offset > 0 ? `+${num(j.offset)}` : num(j.offset)),
    },
    {
      key: "tendency",
      header: t("results.judges.tendency"),
      half: true,
      cell: (j) =>
        j.tendency ? (
          <strong className="flag">
            {t(j.tendency === "harsh" ? "results.judges.harsh" : "results.judges.lenient")}
          </strong>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={judges}
      rowKey={(j) => j.memberId}
      caption={t("results.judges.title")}
      hideCaption
      empty={t("results.judges.none")}
    />
  );
}
