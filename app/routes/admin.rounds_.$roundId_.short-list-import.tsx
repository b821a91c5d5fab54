// URL /admin/rounds/:roundId/short-list-import: the organiser of an open regional or national round
// imports the nomination short list (danh sách trích ngang) a province sent as Excel or CSV (issue
// #15, decision 044). Two POSTs, both plain forms that work without JavaScript: the upload checks
// every row and shows the row errors or a preview; the preview's confirmation creates the
// nominations (its rows travel in a hidden field and are checked again in full).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { readOneUpload } from "~/modules/exchange/upload.server";
import { RoundParams } from "~/modules/nominations/schemas";
import {
  COLUMN_LABEL,
  SHORTLIST_MAX_MB,
  ShortListRowsSchema,
  type RowError,
  type ShortListRow,
} from "~/modules/shortlist/columns";
import { importShortList, shortListTarget, type ShortListPlan } from "~/modules/shortlist/import.server";
import { readShortList } from "~/modules/shortlist/read.server";
import { formFailure, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("nominations.shortlist.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const round = await mapDomainErrors(() => shortListTarget(auth, roundId));
  return { round: { id: round.id, name: round.name } };
}

type Reply =
  | { kind: "failed"; messageKey: MessageKey; params?: TranslateParams }
  | { kind: "plan"; plan: ShortListPlan; rows: ShortListRow[] };

/** The rows to check: from the uploaded file, or (intent=confirm) from the preview's hidden field. */
async function rowsFromRequest(request: Request): Promise<{ rows: ShortListRow[]; confirm: boolean } | Reply> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  // A body that is no form at all is a bad request, not a server error.
  const { formData, bytes } = multipart
    ? await readOneUpload(request, "list", SHORTLIST_MAX_MB)
    : { formData: await request.formData().catch(() => new FormData()), bytes: null };
  if (!multipart || formData.get("intent") === "confirm") {
    let json: unknown = null;
    try {
      json = JSON.parse(String(formData.get("rows") ?? ""));
    } catch {
      json = null;
    }
    const parsed = ShortListRowsSchema.safeParse(json);
    if (!parsed.success) return { kind: "failed", messageKey: "nominations.shortlist.error.badRows" };
    return { rows: parsed.data, confirm: true };
  }
  if (!bytes) return { kind: "failed", messageKey: "exchange.error.fileRequired" };
  const reading = await readShortList(bytes);
  if (!reading.ok) return { kind: "failed", messageKey: reading.messageKey, params: reading.params };
  return { rows: reading.rows, confirm: false };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  try {
    await shortListTarget(auth, roundId); // who may, before the file is read
    const input = await rowsFromRequest(request);
    if ("kind" in input) return data<Reply>(input, { status: 400 });
    const plan = await importShortList(auth, roundId, input.rows, {
      dryRun: !input.confirm,
      meta: requestMeta(request, context),
    });
    if (input.confirm && !plan.errors.length) {
      return redirectWithToast(`/admin/rounds/${roundId}/entries?status=SUBMITTED`, {
        kind: "success",
        messageKey: plan.created ? "nominations.shortlist.done" : "nominations.shortlist.doneNothing",
        params: { count: plan.created, round: plan.target.name },
      });
    }
    return data<Reply>({ kind: "plan", plan, rows: input.rows }, { status: plan.errors.length ? 400 : 200 });
  } catch (error) {
    const failure = formFailure(error);
    return data<Reply>(
      { kind: "failed", messageKey: failure.messageKey, params: failure.params },
      { status: failure.status },
    );
  }
}

function ErrorLine({ error }: { error: RowError }) {
  const t = useT();
  const message = t(error.messageKey, error.params);
  return (
    <li>
      {error.column
        ? t("nominations.shortlist.errorAt", { row: error.row, column: t(COLUMN_LABEL[error.column]), message })
        : t("nominations.shortlist.errorAtRow", { row: error.row, message })}
    </li>
  );
}

function Preview({ plan, rows }: { plan: ShortListPlan; rows: ShortListRow[] }) {
  const t = useT();
  const create = plan.rows.filter((r) => r.action === "create").length;
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("nominations.shortlist.previewTitle", { count: create, round: plan.target.name })}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("nominations.shortlist.col.row")}</th>
              <th scope="col">{t("nominations.col.serial")}</th>
              <th scope="col">{t("nominations.col.product")}</th>
              <th scope="col">{t("nominations.col.establishment")}</th>
              <th scope="col">{t("nominations.shortlist.col.province")}</th>
              <th scope="col">{t("nominations.shortlist.col.source")}</th>
              <th scope="col">{t("nominations.shortlist.col.action")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.serial}</td>
                <td>{r.productName}</td>
                <td>{r.establishmentName}</td>
                <td>{r.province ?? "—"}</td>
                <td>{r.sourceRound}</td>
                <td>
                  {t(
                    r.action === "create"
                      ? "nominations.shortlist.action.create"
                      : "nominations.shortlist.action.already",
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.errors.length ? null : create ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="rows" value={JSON.stringify(rows)} />
          <p className="muted">{t("nominations.shortlist.confirmHint")}</p>
          <p className="actions">
            <button type="submit" className="button">
              {t("nominations.shortlist.confirm", { count: create })}
            </button>
          </p>
        </Form>
      ) : (
        <p className="notice notice-info">{t("nominations.shortlist.nothingNew")}</p>
      )}
    </section>
  );
}

export default function ShortListImport() {
  const t = useT();
  const { round } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const plan = reply?.kind === "plan" ? reply : null;
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <h1>{t("nominations.shortlist.title")}</h1>
      <p>{t("nominations.shortlist.intro")}</p>
      <p className="muted">{t("nominations.shortlist.columns")}</p>
      {reply?.kind === "failed" ? <FormErrors errors={[t(reply.messageKey, reply.params)]} /> : null}
      {plan?.plan.errors.length ? (
        <div className="notice notice-error" role="alert">
          <p>{t("nominations.shortlist.errorsTitle", { count: plan.plan.errors.length })}</p>
          <ul>
            {plan.plan.errors.map((e, i) => (
              <ErrorLine key={i} error={e} />
            ))}
          </ul>
        </div>
      ) : null}
      {plan ? <Preview plan={plan.plan} rows={plan.rows} /> : null}
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="list">{t("nominations.shortlist.file", { max: SHORTLIST_MAX_MB })}</label>
          <input
            id="list"
            name="list"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
          />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("nominations.shortlist.check")}
          </button>
        </p>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
