// URL /admin/rounds/:roundId/nominations: once a provincial (or regional) round's results are
// finalised, its organiser nominates recognised products into an open round of the next tier
// (liên thông, issue #5). One GET form picks the receiving round (?to=), one POST form sends the
// ticked certificates; both work without JavaScript. The service re-checks everything. Both lists
// are DataTables (decision 043): on a phone each certificate is a card, its checkbox labelled.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { nominate, nominationCandidates, NominationRefusedError } from "~/modules/nominations/nominations.server";
import { NominateSchema, RoundParams, TargetSearchSchema } from "~/modules/nominations/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { certificateColumns } from "~/components/certificate-columns";
import { DataTable, EmptyState, type Column } from "~/components/data-table";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("nominations.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const { to } = TargetSearchSchema.parse(searchParamsObject(request));
  const candidates = await mapDomainErrors(() => nominationCandidates(auth, roundId));
  const target = candidates.targets.find((t) => t.id === to) ?? candidates.targets[0] ?? null;
  return { ...candidates, targetId: target?.id ?? null };
}

interface Reason {
  messageKey: MessageKey;
  params?: TranslateParams;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: NominateSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), refusals: [] as Reason[] }, { status: 400 });
  const { targetRoundId, certificateIds } = submission.value;
  try {
    const done = await nominate(auth, roundId, targetRoundId, certificateIds, requestMeta(request, context));
    return redirectWithToast(`/admin/rounds/${roundId}/nominations?to=${done.target.id}`, {
      kind: "success",
      messageKey: "nominations.done",
      params: { count: done.entries.length, round: done.target.name },
    });
  } catch (error) {
    if (error instanceof NominationRefusedError) {
      const refusals: Reason[] = error.refusals.map((r) => ({ messageKey: r.messageKey, params: r.params }));
      return data({ result: submission.reply(), refusals }, { status: error.status });
    }
    const failure = formFailure(error);
    return data(
      { result: submission.reply({ formErrors: [failure.messageKey] }), refusals: [] as Reason[] },
      { status: failure.status },
    );
  }
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Certificate = Data["certificates"][number];
type Sent = Data["nominated"][number];

function useCertificateColumns(target: Data["targets"][number] | null, ticked: Set<string>): Column<Certificate>[] {
  const t = useT();
  const optionOf = (c: Certificate) => (target ? c.options.find((o) => o.targetId === target.id) : undefined);
  return [
    {
      key: "select",
      header: t("nominations.col.select"),
      half: true,
      className: "cell-check",
      cell: (c) => {
        const option = optionOf(c);
        const nominable = !!option && option.problems.length === 0;
        return (
          <label>
            <input
              type="checkbox"
              name="certificateIds"
              value={c.id}
              disabled={!nominable}
              defaultChecked={nominable && ticked.has(c.id)}
              aria-describedby={`reason-${c.id}`}
            />
            <span className="sr-only">
              {t("nominations.selectLabel", { serial: c.serial, product: c.productName })}
            </span>
          </label>
        );
      },
    },
    ...certificateColumns<Certificate>(t),
    {
      key: "nominable",
      header: t("nominations.col.nominable"),
      cell: (c) => {
        const option = optionOf(c);
        return (
          <div id={`reason-${c.id}`}>
            {!option ? (
              "—"
            ) : option.problems.length === 0 ? (
              t("nominations.nominable")
            ) : (
              <ul className="inline-list">
                {option.reasons.map((r, i) => (
                  <li key={i}>{t(r.messageKey, r.params)}</li>
                ))}
              </ul>
            )}
          </div>
        );
      },
    },
  ];
}

function useSentColumns(): Column<Sent>[] {
  const t = useT();
  return [
    { key: "serial", header: t("nominations.col.serial"), half: true, cell: (n) => n.serial },
    {
      key: "product",
      header: t("nominations.col.product"),
      primary: true,
      rowHeader: true,
      cell: (n) => n.productName,
    },
    { key: "round", header: t("nominations.col.round"), cell: (n) => n.round.name },
    { key: "when", header: t("nominations.col.when"), half: true, cell: (n) => formatDateTime(n.nominatedAt) },
    { key: "by", header: t("nominations.col.by"), half: true, cell: (n) => n.by ?? "—" },
    {
      key: "entryStatus",
      header: t("nominations.col.entryStatus"),
      cell: (n) => (
        <>
          <span className="badge">{t(`entries.status.${n.status}` as MessageKey)}</span>
          {n.entryCode ? <> {n.entryCode}</> : null}
        </>
      ),
    },
  ];
}

export default function Nominations() {
  const t = useT();
  const { round, nextLevel, targets, certificates, nominated, targetId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const target = targets.find((x) => x.id === targetId) ?? null;
  const result = actionData?.result;
  const formErrors =
    result && "error" in result
      ? [...(result.error?.[""] ?? []), ...(result.error?.certificateIds ?? []), ...(result.error?.targetRoundId ?? [])]
      : undefined;
  const ticked = new Set(asList(result?.initialValue?.certificateIds));
  const levelName = t(`level.${nextLevel}` as MessageKey).toLowerCase();
  const exportRounds = [...new Map(nominated.map((n) => [n.round.id, n.round])).values()];
  const certificateColumns = useCertificateColumns(target, ticked);
  const sentColumns = useSentColumns();

  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <h1>{t("nominations.title")}</h1>
      <p>{t("nominations.intro", { level: levelName })}</p>
      <p>
        <Link to={`/admin/rounds/${round.id}/nominations/package`}>{t("exchange.package.title")}</Link>
      </p>

      {targets.length === 0 ? (
        <p className="notice notice-info">{t("nominations.noTargets", { level: levelName })}</p>
      ) : (
        <section className="card stack" aria-labelledby="target-h">
          <h2 id="target-h">{t("nominations.target")}</h2>
          <Form method="get" className="filters">
            <div className="field">
              <label htmlFor="to">{t("nominations.target")}</label>
              <p id="to-hint" className="hint">
                {t("nominations.targetHint")}
              </p>
              <select id="to" name="to" defaultValue={targetId ?? ""} aria-describedby="to-hint">
                {targets.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t("nominations.chooseTarget")}
            </button>
          </Form>
          {target ? (
            <>
              <p className="muted">{t("nominations.closesAt", { date: formatDateTime(target.entriesCloseAt) })}</p>
              <h3 className="h3">{t("nominations.quota")}</h3>
              <ul>
                {target.quotas.map((q) => (
                  <li key={q.provinceId}>
                    {q.quota === null
                      ? t("nominations.quota.unlimited", { province: q.province, used: q.used })
                      : t("nominations.quota.left", {
                          province: q.province,
                          left: q.left ?? 0,
                          quota: q.quota,
                          used: q.used,
                        })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      )}

      {actionData?.refusals.length ? (
        <div className="notice notice-error" role="alert">
          <p>{t("nominations.refused")}</p>
          <ul>
            {actionData.refusals.map((r, i) => (
              <li key={i}>{t(r.messageKey, r.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormErrors errors={formErrors} />

      <section className="stack" aria-labelledby="certs-h">
        <h2 id="certs-h">{t("nominations.certificates")}</h2>
        {certificates.length === 0 ? (
          <EmptyState>{t("nominations.noCertificates")}</EmptyState>
        ) : (
          <Form method="post" className="stack">
            {target ? <input type="hidden" name="targetRoundId" value={target.id} /> : null}
            <DataTable
              columns={certificateColumns}
              rows={certificates}
              rowKey={(c) => c.id}
              caption={t("nominations.certificates")}
              hideCaption
            />
            {target ? (
              <p className="actions">
                <ConfirmButton className="button" confirmText={t("nominations.submitConfirm", { round: target.name })}>
                  {t("nominations.submit")}
                </ConfirmButton>
              </p>
            ) : null}
          </Form>
        )}
      </section>

      <section className="stack" aria-labelledby="sent-h">
        <h2 id="sent-h">{t("nominations.sent")}</h2>
        <DataTable
          columns={sentColumns}
          rows={nominated}
          rowKey={(n) => n.entryId}
          caption={t("nominations.sent")}
          hideCaption
          empty={t("nominations.noneSent")}
        />
        {exportRounds.length ? (
          <>
            <h3 className="h3">{t("nominations.export")}</h3>
            <ul>
              {exportRounds.map((r) => (
                <li key={r.id}>
                  {t("nominations.exportFor", { round: r.name })}:{" "}
                  <a href={`/admin/rounds/${round.id}/nominations/export?format=xlsx&to=${r.id}`}>
                    {t("nominations.exportXlsx")}
                  </a>
                  {" · "}
                  <a href={`/admin/rounds/${round.id}/nominations/export?format=csv&to=${r.id}`}>
                    {t("nominations.exportCsv")}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
