// URL /admin/rounds/:roundId/nominations: once a provincial (or regional) round's results are
// finalised, its organiser nominates recognised products into an open round of the next tier
// (liên thông, issue #5). One GET form picks the receiving round (?to=), one POST form sends the
// ticked certificates; both work without JavaScript. The service re-checks everything.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { CertificateChoices } from "~/modules/nominations/certificate-choices";
import { nominate, nominationCandidates, NominationRefusedError } from "~/modules/nominations/nominations.server";
import { NominateSchema, RoundParams, TargetSearchSchema } from "~/modules/nominations/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";

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
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as Reason[] }, { status: 400 });
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
    return data({ result: submission.reply({ formErrors: [failure.messageKey] }), refusals: [] as Reason[] }, { status: failure.status });
  }
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export default function Nominations() {
  const t = useT();
  const { round, nextLevel, targets, certificates, nominated, targetId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const target = targets.find((x) => x.id === targetId) ?? null;
  const result = actionData?.result;
  const formErrors = result && "error" in result ? [...(result.error?.[""] ?? []), ...(result.error?.certificateIds ?? []), ...(result.error?.targetRoundId ?? [])] : undefined;
  const ticked = new Set(asList(result?.initialValue?.certificateIds));
  const optionFor = (c: (typeof certificates)[number]) => (target ? c.options.find((o) => o.targetId === target.id) : undefined);
  const nominable = (c: (typeof certificates)[number]) => optionFor(c)?.problems.length === 0;
  const levelName = t(`level.${nextLevel}` as MessageKey).toLowerCase();
  const exportRounds = [...new Map(nominated.map((n) => [n.round.id, n.round])).values()];

  return (
    <div className="stack">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.name}</Link>
      </p>
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
                      : t("nominations.quota.left", { province: q.province, left: q.left ?? 0, quota: q.quota, used: q.used })}
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
          <p className="muted">{t("nominations.noCertificates")}</p>
        ) : (
          <Form method="post" className="stack">
            {target ? <input type="hidden" name="targetRoundId" value={target.id} /> : null}
            <CertificateChoices
              certificates={certificates}
              idPrefix="cert"
              selectLabel="nominations.selectLabel"
              enabled={nominable}
              checked={(c) => ticked.has(c.id)}
              extra={{
                header: t("nominations.col.nominable"),
                cell: (c) => {
                  const option = optionFor(c);
                  if (!option) return "—";
                  if (!option.problems.length) return t("nominations.nominable");
                  return (
                    <ul className="inline-list">
                      {option.reasons.map((r, i) => (
                        <li key={i}>{t(r.messageKey, r.params)}</li>
                      ))}
                    </ul>
                  );
                },
              }}
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
        {nominated.length === 0 ? (
          <p className="muted">{t("nominations.noneSent")}</p>
        ) : (
          <TableWrap label={t("nominations.sent")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("nominations.col.serial")}</th>
                  <th scope="col">{t("nominations.col.product")}</th>
                  <th scope="col">{t("nominations.col.round")}</th>
                  <th scope="col">{t("nominations.col.when")}</th>
                  <th scope="col">{t("nominations.col.by")}</th>
                  <th scope="col">{t("nominations.col.entryStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {nominated.map((n) => (
                  <tr key={n.entryId}>
                    <td>{n.serial}</td>
                    <td>{n.productName}</td>
                    <td>{n.round.name}</td>
                    <td>{formatDateTime(n.nominatedAt)}</td>
                    <td>{n.by ?? "—"}</td>
                    <td>
                      <span className="badge">{t(`entries.status.${n.status}` as MessageKey)}</span>
                      {n.entryCode ? <> {n.entryCode}</> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {exportRounds.length ? (
          <>
            <h3 className="h3">{t("nominations.export")}</h3>
            <ul>
              {exportRounds.map((r) => (
                <li key={r.id}>
                  {t("nominations.exportFor", { round: r.name })}:{" "}
                  <a href={`/admin/rounds/${round.id}/nominations/export?format=xlsx&to=${r.id}`}>{t("nominations.exportXlsx")}</a>
                  {" · "}
                  <a href={`/admin/rounds/${round.id}/nominations/export?format=csv&to=${r.id}`}>{t("nominations.exportCsv")}</a>
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
