// URL /admin/rounds/:roundId/sheets: progress of the score sheets of the round's current pass,
// entries × judges, for the round's organisers and its council secretary. Cells link to the
// paper-sheet page (the secretary types a judge's paper sheet); organisers — not the secretary
// — may reopen a submitted sheet with a reason while judging is open.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { parsePage } from "~/utils/paging";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatPoints, lockMessageKey, type CellState } from "~/modules/judging/sheet-rules";
import { IdParam } from "~/modules/entries/schemas";
import { ReopenSheetSchema, RoundParams } from "~/modules/judging/sheet-schemas";
import { getSheetProgress, reopenSheet } from "~/modules/judging/sheets.server";
import { replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getT, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { itemAt } from "~/utils/arrays";
import { pageMeta } from "~/utils/meta";
import { DataTable, type Column } from "~/components/data-table";
import { BackLink } from "~/components/back-link";

const Search = z.object({ reopen: IdParam.optional().catch(undefined) });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("sheets.progress.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundParams, params, 404);
  const search = searchParamsObject(request);
  const { reopen } = Search.parse(search);
  const page = parsePage(search.page);
  return mapDomainErrors(() => getSheetProgress(auth, roundId, { page, reopen }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundParams, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: ReopenSheetSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await reopenSheet(auth, roundId, submission.value.sheetId, submission.value.reason, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/admin/rounds/${roundId}/sheets`, { kind: "success", messageKey: "sheets.reopen.done" });
}

function Cell({
  cell,
  paperHref,
  reopenHref,
}: {
  cell: CellState;
  paperHref: string | null;
  reopenHref: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  switch (cell.kind) {
    case "unassigned":
      return <span aria-label={t("sheets.cell.unassigned")}>—</span>;
    case "conflicted":
      return <span className="flag">{t("sheets.cell.conflicted")}</span>;
    case "submitted":
      return (
        <span>
          {cell.total === null
            ? t("sheets.status.submitted")
            : t("sheets.cell.submitted", { points: formatPoints(cell.total, locale) })}
          {cell.onPaper ? <span className="badge">{t("sheets.cell.paper")}</span> : null}
          {reopenHref ? (
            <>
              {" "}
              <Link to={reopenHref} className="muted">
                {t("sheets.reopen.link")}
              </Link>
            </>
          ) : null}
        </span>
      );
    default: {
      const label = t(cell.kind === "draft" ? "sheets.cell.draft" : "sheets.cell.todo");
      return paperHref ? (
        <Link to={paperHref} title={t("sheets.paper.link")}>
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      );
    }
  }
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function SheetProgress() {
  const t = useT();
  const locale = useLocale();
  const p = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  const errors = result && "error" in result ? result.error : undefined;
  const typedReason = result?.initialValue?.reason;
  const base = `/admin/rounds/${p.round.id}`;
  // One column per judge of the panel: on a phone each entry is a card, each judge a labelled line.
  const columns: Column<Row>[] = [
    {
      key: "entry",
      header: t("sheets.col.entry"),
      primary: true,
      rowHeader: true,
      cell: (r) => (
        <>
          <strong>{r.entry.code}</strong> <span className="muted">({r.entry.group})</span>
          <br />
          {r.entry.productName}
        </>
      ),
    },
    ...p.judges.map((judge, i): Column<Row> => ({
      key: judge.id,
      header: (
        <>
          {judge.name}
          {judge.panel ? <span className="muted"> ({judge.panel})</span> : null}
        </>
      ),
      label: judge.panel ? `${judge.name} (${judge.panel})` : judge.name,
      cell: (r) => {
        const cell = itemAt(r.cells, i, "sheet cells");
        const paperHref =
          p.canEnterPaper && (cell.kind === "todo" || cell.kind === "draft")
            ? `${base}/sheets/${r.entry.id}/${judge.id}`
            : null;
        const reopenHref = p.canReopen && cell.kind === "submitted" ? `?reopen=${cell.sheetId}` : null;
        return <Cell cell={cell} paperHref={paperHref} reopenHref={reopenHref} />;
      },
    })),
  ];
  return (
    <div className="stack">
      <BackLink to={base}>{p.round.name}</BackLink>
      <h1>{t("sheets.progress.title")}</h1>
      {p.round.scoringPasses > 1 ? <p>{t("sheets.pass", { pass: p.round.currentPass })}</p> : null}
      {p.lock ? (
        <div className="notice notice-info" role="status">
          <p>{t(lockMessageKey(p.lock))}</p>
        </div>
      ) : null}
      {p.reopen && p.canReopen ? (
        <Form method="post" className="card stack" aria-labelledby="reopen-h">
          <h2 id="reopen-h">{t("sheets.reopen.title", { code: p.reopen.entryCode, judge: p.reopen.judge })}</h2>
          <p>
            {p.reopen.productName} — {t("sheets.cell.submitted", { points: formatPoints(p.reopen.total, locale) })}
            {p.reopen.onPaper ? ` (${t("sheets.cell.paper")})` : ""}
          </p>
          <FormErrors errors={errors?.[""]} />
          <input type="hidden" name="intent" value="reopen" />
          <input type="hidden" name="sheetId" value={p.reopen.sheetId} />
          <div className="field">
            <label htmlFor="reason">
              {t("sheets.reopen.reason")}
              <RequiredMark />
            </label>
            <p id="reason-hint" className="hint">
              {t("sheets.reopen.hint")}
            </p>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={2000}
              required
              defaultValue={typeof typedReason === "string" ? typedReason : ""}
              aria-describedby="reason-hint"
              aria-invalid={errors?.reason ? true : undefined}
            />
            <ErrorList errors={errors?.reason} />
          </div>
          <p className="actions">
            <ConfirmButton className="button button-danger" confirmText={t("sheets.reopen.confirm")}>
              {t("sheets.reopen.submit")}
            </ConfirmButton>{" "}
            <Link to="?">{t("common.cancel")}</Link>
          </p>
        </Form>
      ) : null}
      <section className="card stack" aria-labelledby="judges-h">
        <h2 id="judges-h" className="h3">
          {t("sheets.progress.judges")}
        </h2>
        {p.judges.length === 0 ? <p className="muted">{t("sheets.progress.noJudges")}</p> : null}
        <ul className="inline-list">
          {p.judges.map((j) => (
            <li key={j.id}>
              <strong>{j.name}</strong>:{" "}
              {t("sheets.progress.judgeCount", { submitted: j.submitted, assigned: j.assigned, draft: j.draft })}
            </li>
          ))}
        </ul>
      </section>
      <DataTable
        columns={columns}
        rows={p.rows}
        rowKey={(r) => r.entry.id}
        caption={t("sheets.progress.caption")}
        hideCaption
        className="matrix"
        empty={t("sheets.progress.noEntries")}
        paging={p.paging.pages > 1 ? p.paging : undefined}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
