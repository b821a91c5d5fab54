// URL /admin/rounds/:roundId/assignments: who scores which entry. A matrix of checkboxes (rows:
// accepted entries by code; columns: judges), one form, no JavaScript needed. A cell starts from
// the default (every judge of a panel scores every entry of its groups) or the organiser's
// override; conflicted cells are never assignable. Saving stores only the differences from the
// default (jury.server.ts#saveAssignments). ?group=B narrows the rows; only the rows shown change.
// The matrix is a DataTable (decision 043): on a phone each entry is a card with a labelled
// checkbox line per judge, and the per-judge totals are one more card at the end.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { AssignmentFilters, AssignmentsSchema, cellKey } from "~/modules/judging/jury-schemas";
import { getAssignmentMatrix, saveAssignments } from "~/modules/judging/jury.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getT, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { itemAt } from "~/utils/arrays";
import { pageMeta } from "~/utils/meta";
import { DataTable, FilterBar, type Column } from "~/components/data-table";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("jury.assign.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const filters = AssignmentFilters.parse(searchParamsObject(request));
  return mapDomainErrors(() => getAssignmentMatrix(auth, roundId, filters));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const formData = await request.formData();
  if (formData.get("intent") !== "saveAssignments") httpError(400, "error.400");
  const submission = parseWithZod(formData, { schema: AssignmentsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  let result;
  try {
    result = await saveAssignments(
      auth,
      roundId,
      { entryIds: v.row, memberIds: v.col, checked: v.cell },
      requestMeta(request, context),
    );
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  const search = new URL(request.url).search;
  return redirectWithToast(`/admin/rounds/${roundId}/assignments${search}`, {
    kind: result.changed ? "success" : "info",
    messageKey: result.changed ? "jury.assign.saved" : "jury.assign.unchanged",
    params: {
      created: result.created,
      updated: result.updated,
      deleted: result.deleted,
      ignored: result.ignoredConflicts,
    },
  });
}

type Matrix = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Matrix["rows"][number];

function useColumns(m: Matrix): Column<Row>[] {
  const t = useT();
  return [
    {
      key: "entry",
      header: t("jury.assign.entry"),
      primary: true,
      rowHeader: true,
      cell: (r) => (
        <>
          <strong>{r.code}</strong> <span className="muted">({r.group})</span>
          <div>{r.productName}</div>
        </>
      ),
      footer: t("jury.assign.entriesPerJudge"),
    },
    ...m.judges.map((judge, i): Column<Row> => ({
      key: judge.id,
      header: (
        <>
          {judge.name}
          <div className="muted">{judge.panel ? judge.panel.name : t("jury.member.panel.none")}</div>
        </>
      ),
      label: `${judge.name} (${judge.panel ? judge.panel.name : t("jury.member.panel.none")})`,
      half: true,
      className: "cell-check",
      cell: (r) => {
        const c = itemAt(r.cells, i, "assignment cells");
        return c.conflicted ? (
          <span className="flag" title={t("jury.assign.conflict.title")}>
            {t("jury.assign.conflict")}
          </span>
        ) : (
          <label>
            <input
              type="checkbox"
              name="cell"
              value={cellKey(r.id, c.memberId)}
              defaultChecked={c.assigned}
              aria-label={t("jury.assign.cellLabel", { judge: judge.name, code: r.code })}
            />
            {c.overridden ? (
              <span title={t("jury.assign.overridden")}>
                *<span className="sr-only">{t("jury.assign.overridden")}</span>
              </span>
            ) : null}
          </label>
        );
      },
      footer: judge.entries,
    })),
    {
      key: "judges",
      header: t("jury.assign.judgesPerEntry"),
      num: true,
      cell: (r) => (r.judges === 0 ? <span className="flag">{t("jury.assign.none")}</span> : r.judges),
    },
  ];
}

export default function Assignments() {
  const t = useT();
  const m = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formErrors = actionData?.result.error?.[""] ?? undefined;
  const fieldErrors = actionData
    ? Object.entries(actionData.result.error ?? {})
        .filter(([k]) => k !== "")
        .flatMap(([, v]) => v ?? [])
    : [];
  const columns = useColumns(m);
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/admin/rounds/${m.round.id}`}>← {m.round.name}</Link> ·{" "}
        <Link to={`/admin/rounds/${m.round.id}/jury`}>{t("jury.page.title")}</Link>
      </p>
      <div className="stack">
        <h1>{t("jury.assign.title")}</h1>
        <p>
          {m.round.name} · <span className="badge">{t(`rounds.status.${m.round.status}` as MessageKey)}</span>
        </p>
        <p className="hint">{t("jury.assign.hint")}</p>
        {m.round.scoringPasses > 1 ? <p className="hint">{t("jury.assign.secondPass")}</p> : null}
        {!m.editable ? <p className="notice notice-info">{t("jury.assign.locked")}</p> : null}
        {m.totals.unassigned > 0 ? (
          <p className="notice notice-error" role="status">
            {t("jury.assign.unassignedWarning", { count: m.totals.unassigned })}
          </p>
        ) : null}
      </div>

      <FilterBar label={t("jury.assign.filterGroup")} active={m.group ? 1 : 0}>
        <div className="field">
          <label htmlFor="group">{t("jury.assign.filterGroup")}</label>
          <select id="group" name="group" defaultValue={m.group ?? ""}>
            <option value="">{t("jury.assign.allGroups")}</option>
            {m.groups.map((g) => (
              <option key={g} value={g}>
                {g} — {t(`group.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </FilterBar>

      <FormErrors errors={[...(formErrors ?? []), ...fieldErrors]} />

      {m.judges.length === 0 ? (
        <p className="muted">{t("jury.assign.noJudges")}</p>
      ) : m.rows.length === 0 ? (
        <p className="muted">{t("jury.assign.noEntries")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="saveAssignments" />
          {m.rows.map((r) => (
            <input key={r.id} type="hidden" name="row" value={r.id} />
          ))}
          {m.judges.map((j) => (
            <input key={j.id} type="hidden" name="col" value={j.id} />
          ))}
          <fieldset disabled={!m.editable}>
            <legend className="sr-only">{t("jury.assign.title")}</legend>
            <DataTable
              columns={columns}
              rows={m.rows}
              rowKey={(r) => r.id}
              caption={t("jury.assign.caption")}
              hideCaption
              className="matrix"
            />
            <p className="hint">{t("jury.assign.legend")}</p>
            {m.editable ? (
              <p>
                <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                  {t("jury.assign.save")}
                </button>
              </p>
            ) : null}
          </fieldset>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
