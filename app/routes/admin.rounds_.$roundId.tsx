// URL /admin/rounds/:roundId: a round for its organisers: its settings (editable while DRAFT or
// OPEN), the status moves allowed from where it stands (each a POST with confirmation; reopening
// entries needs a reason) and its history. The "_" keeps it out of the list route's nesting.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { scopeLabel } from "~/modules/access/scope-label";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { OPTIONAL_DOCUMENTS, toVnDateInput, toVnDateTimeInput } from "~/modules/rounds/round-fields";
import { QuotaFields, RoundSettingsFields } from "~/modules/rounds/round-form";
import { hasProvinceQuotas, LEVEL_RULES } from "~/modules/rounds/round-levels";
import { nextStatuses, transitionKind, type RoundStatusName } from "~/modules/rounds/round-state";
import { getRoundForManager, transitionRound, updateRound, updateRoundMembers } from "~/modules/rounds/rounds.server";
import {
  ReopenRoundSchema,
  RoundIdParam,
  RoundMembersSchema,
  roundSettingsFromForm,
  TransitionRoundSchema,
  UpdateRoundSchema,
} from "~/modules/rounds/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { isDomainError, type DomainError } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { formFailure, httpError, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { getT, useLocale, useT, type MessageKey, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { samplesLinkOf } from "~/modules/samples/samples.server";
import { showsVisitsLink } from "~/modules/visits/visits.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [data?.round.name, t("rounds.admin.title")] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const now = new Date();
  const round = await mapDomainErrors(() => getRoundForManager(auth, roundId, now));
  const open = round.status === "OPEN";
  const [samples, visits] = await Promise.all([samplesLinkOf(round), showsVisitsLink(round)]);
  return {
    round,
    links: { samples, visits },
    moves: nextStatuses(round.status).map((to) => ({ to, kind: transitionKind(round.status, to)! })),
    notices: {
      acceptingNow: round.acceptingNow,
      deadlinePassed: open && round.entriesCloseAt.getTime() < now.getTime(),
      notYetOpen: open && round.entriesOpenAt.getTime() > now.getTime(),
      nominationOnly: !LEVEL_RULES[round.level].producersEnterDirectly,
    },
  };
}

/** What a refused POST answers: which of the page's forms it belongs to, and why. */
interface ActionReply {
  form: "update" | "reopen" | "transition" | "members";
  result: SubmissionResult<string[]> | null;
  message: string | null;
}

function replyTo(
  form: ActionReply["form"],
  reply: { data: { result: SubmissionResult<string[]> }; init: ResponseInit | null },
) {
  return data<ActionReply>({ form, result: reply.data.result, message: null }, reply.init ?? undefined);
}

function statusParams(t: TFunction, params: DomainError["params"]) {
  const label = (v: unknown) =>
    typeof v === "string" && v in STATUS_KEYS ? t(STATUS_KEYS[v as RoundStatusName]) : String(v ?? "");
  return { ...params, from: label(params?.from), to: label(params?.to) };
}

const STATUS_KEYS: Record<RoundStatusName, MessageKey> = {
  DRAFT: "rounds.status.DRAFT",
  OPEN: "rounds.status.OPEN",
  SCREENING: "rounds.status.SCREENING",
  JUDGING: "rounds.status.JUDGING",
  RESULTS: "rounds.status.RESULTS",
  PUBLISHED: "rounds.status.PUBLISHED",
  ARCHIVED: "rounds.status.ARCHIVED",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const here = `/admin/rounds/${roundId}`;
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: UpdateRoundSchema });
    if (submission.status !== "success")
      return replyTo("update", { data: { result: submission.reply() }, init: { status: 400 } });
    try {
      await updateRound(auth, roundId, roundSettingsFromForm(submission.value), meta);
    } catch (error) {
      return replyTo("update", replyWithDomainError(error, submission, { t }));
    }
    return redirectWithToast(here, { kind: "success", messageKey: "rounds.detail.saved" });
  }

  if (intent === "reopen") {
    const submission = parseWithZod(formData, { schema: ReopenRoundSchema });
    if (submission.status !== "success")
      return replyTo("reopen", { data: { result: submission.reply() }, init: { status: 400 } });
    try {
      await transitionRound(auth, roundId, submission.value.to, submission.value.reason, meta);
    } catch (error) {
      if (isDomainError(error, "transition_not_allowed")) {
        return replyTo("reopen", {
          data: { result: submission.reply({ formErrors: [t(error.messageKey, statusParams(t, error.params))] }) },
          init: { status: error.status },
        });
      }
      return replyTo("reopen", replyWithDomainError(error, submission, { t }));
    }
    return redirectWithToast(here, {
      kind: "success",
      messageKey: submission.value.to === "JUDGING" ? "rounds.reopenJudging.done" : "rounds.reopen.done",
    });
  }

  if (intent === "members") {
    const { provinceIds } = parseParams(RoundMembersSchema, { intent, provinceIds: formData.getAll("provinceIds") });
    let changed: boolean;
    try {
      ({ changed } = await updateRoundMembers(auth, roundId, provinceIds, meta));
    } catch (error) {
      const failure = formFailure(error);
      return data<ActionReply>(
        { form: "members", result: null, message: t(failure.messageKey, failure.params) },
        { status: failure.status },
      );
    }
    return redirectWithToast(here, {
      kind: changed ? "success" : "info",
      messageKey: changed ? "rounds.members.saved" : "rounds.members.unchanged",
    });
  }

  if (intent === "transition") {
    const { to, reason } = parseParams(TransitionRoundSchema, Object.fromEntries(formData));
    try {
      await transitionRound(auth, roundId, to, reason, meta);
    } catch (error) {
      const failure = formFailure(error);
      const message = t(failure.messageKey, statusParams(t, failure.params));
      return data<ActionReply>({ form: "transition", result: null, message }, { status: failure.status });
    }
    return redirectWithToast(here, { kind: "success", messageKey: `rounds.transition.done.${to}` });
  }

  httpError(400, "error.400");
}

function settingsDefaults(round: Awaited<ReturnType<typeof loader>>["round"]) {
  const quotas = new Map(round.quotas.map((q) => [q.provinceId, q.quota]));
  return {
    intent: "update",
    name: round.name,
    groups: round.groupList,
    entriesOpenAt: toVnDateTimeInput(round.entriesOpenAt),
    entriesCloseAt: toVnDateTimeInput(round.entriesCloseAt),
    judgingStartAt: toVnDateInput(round.judgingStartAt),
    resultsAt: toVnDateInput(round.resultsAt),
    passLine: String(round.passLine),
    requiredDocuments: round.documentList.filter((d) => OPTIONAL_DOCUMENTS.includes(d)),
    description: round.description ?? "",
    quotas: round.quotaProvinces.map((p) => ({
      provinceId: p.id,
      quota: quotas.has(p.id) ? String(quotas.get(p.id)) : "",
    })),
  };
}

function EditRoundForm({ round }: { round: Awaited<ReturnType<typeof loader>>["round"] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.infer<typeof UpdateRoundSchema>>({
    id: "round-edit",
    lastResult: actionData?.form === "update" ? actionData.result : undefined,
    defaultValue: settingsDefaults(round),
    constraint: getZodConstraint(UpdateRoundSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateRoundSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="update" />
      <p className="hint">{t("rounds.detail.fixedFields")}</p>
      <RoundSettingsFields fields={fields} />
      {hasProvinceQuotas(round.level) ? <QuotaFields meta={fields.quotas} provinces={round.quotaProvinces} /> : null}
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("rounds.detail.save")}
      </button>
    </Form>
  );
}

function ReopenForm({ to }: { to: "OPEN" | "JUDGING" }) {
  const t = useT();
  const judging = to === "JUDGING";
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "round-reopen",
    lastResult: actionData?.form === "reopen" ? actionData.result : undefined,
    constraint: getZodConstraint(ReopenRoundSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReopenRoundSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const reason = getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` });
  return (
    <Form method="post" {...getFormProps(form)} className="stack card">
      <h3>{t(judging ? "rounds.reopenJudging.title" : "rounds.reopen.title")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="reopen" />
      <input type="hidden" name="to" value={to} />
      <div className="field">
        <label htmlFor={fields.reason.id}>
          {t("rounds.reopen.reason")}
          <RequiredMark />
        </label>
        <p id={`${fields.reason.id}-hint`} className="hint">
          {t(judging ? "rounds.reopenJudging.hint" : "rounds.reopen.hint")}
        </p>
        <textarea {...reason} key={reason.key} rows={3} required />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <div>
        <ConfirmButton
          confirmText={t(judging ? "rounds.reopenJudging.confirm" : "rounds.reopen.confirm")}
          className="button button-secondary"
        >
          {t(judging ? "rounds.reopenJudging.submit" : "rounds.reopen.submit")}
        </ConfirmButton>
      </div>
    </Form>
  );
}

export default function AdminRound() {
  const t = useT();
  const locale = useLocale();
  const { round, moves, notices, links } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN");
  const statusLabel = (s: RoundStatusName | null) => (s ? t(STATUS_KEYS[s]) : "");

  return (
    <div className="stack-lg">
      <BackLink to="/admin/rounds">{t("rounds.detail.back")}</BackLink>
      <div className="stack">
        <h1>{round.name}</h1>
        <p>
          {t("rounds.detail.status")}: <span className="badge">{statusLabel(round.status)}</span>
        </p>
        {/* A regional or national round takes nominations from the tier below, not producers' entries. */}
        {notices.acceptingNow ? (
          <p className="notice notice-success">
            {t(notices.nominationOnly ? "rounds.detail.acceptingNominations" : "rounds.detail.acceptingNow")}
          </p>
        ) : null}
        {notices.deadlinePassed ? (
          <p className="notice notice-info">
            {t(notices.nominationOnly ? "rounds.detail.nominationDeadlinePassed" : "rounds.detail.deadlinePassed")}
          </p>
        ) : null}
        {notices.notYetOpen ? (
          <p className="notice notice-info">
            {t(notices.nominationOnly ? "rounds.detail.nominationsNotYetOpen" : "rounds.detail.notYetOpen", {
              date: formatDateTime(round.entriesOpenAt),
            })}
          </p>
        ) : null}
        {notices.nominationOnly ? <p className="muted">{t("rounds.detail.nominationOnly")}</p> : null}
        {notices.nominationOnly && round.status === "OPEN" ? (
          <p>
            <Link to={`/admin/rounds/${round.id}/package-import`}>{t("exchange.import.link")}</Link>
            {" · "}
            <Link to={`/admin/rounds/${round.id}/short-list-import`}>{t("nominations.shortlist.link")}</Link>
          </p>
        ) : null}
        <p>
          <Link to={`/admin/rounds/${round.id}/entries`}>
            {t("rounds.detail.entries", { count: round.entriesTotal })}
          </Link>
        </p>
        <nav aria-label={t("rounds.judging.nav")}>
          <h2 className="h3">{t("rounds.judging.nav")}</h2>
          <ul className="inline-list">
            <li>
              <Link to={`/admin/rounds/${round.id}/rubric`}>{t("rounds.judging.rubric")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/jury`}>{t("rounds.judging.jury")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/assignments`}>{t("rounds.judging.assignments")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/sheets`}>{t("rounds.judging.sheets")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/results`}>{t("rounds.judging.results")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/prizes`}>{t("prizes.page.link")}</Link>
            </li>
            {links.samples ? (
              <li>
                <Link to={`/admin/rounds/${round.id}/samples`}>
                  {t(links.samples === "open" ? "samples.page.link" : "samples.page.setupLink")}
                </Link>
              </li>
            ) : null}
            {links.visits ? (
              <li>
                <Link to={`/admin/rounds/${round.id}/visits`}>{t("visits.page.link")}</Link>
              </li>
            ) : null}
            {round.resultsFinalisedAt ? (
              <>
                <li>
                  <Link to={`/admin/rounds/${round.id}/recognition`}>{t("rounds.judging.recognition")}</Link>
                </li>
                <li>
                  <Link to={`/admin/rounds/${round.id}/complaints`}>{t("rounds.judging.complaints")}</Link>
                </li>
                {round.level !== "NATION" ? (
                  <li>
                    <Link to={`/admin/rounds/${round.id}/nominations`}>{t("rounds.judging.nominations")}</Link>
                  </li>
                ) : null}
              </>
            ) : null}
          </ul>
        </nav>
      </div>

      <section className="card" aria-labelledby="facts-h">
        <h2 id="facts-h">{t("rounds.detail.facts")}</h2>
        <dl className="facts">
          <dt>{t("rounds.col.jurisdiction")}</dt>
          <dd>
            {t(`level.${round.level}`)} — {scopeLabel(t, locale, round.scope)}
          </dd>
          <dt>{t("rounds.field.year")}</dt>
          <dd>{round.year}</dd>
          <dt>{t("rounds.field.groups")}</dt>
          <dd>
            <ul>
              {round.groupList.map((g) => (
                <li key={g}>
                  {g} — {t(`group.${g}`)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("rounds.field.entriesOpenAt")}</dt>
          <dd>{formatDateTime(round.entriesOpenAt)}</dd>
          <dt>{t("rounds.field.entriesCloseAt")}</dt>
          <dd>{formatDateTime(round.entriesCloseAt)}</dd>
          <dt>{t("rounds.field.judgingStartAt")}</dt>
          <dd>{round.judgingStartAt ? formatDate(round.judgingStartAt) : t("rounds.detail.noDate")}</dd>
          <dt>{t("rounds.field.resultsAt")}</dt>
          <dd>{round.resultsAt ? formatDate(round.resultsAt) : t("rounds.detail.noDate")}</dd>
          <dt>{t("rounds.field.passLine")}</dt>
          <dd>{number.format(round.passLine)}</dd>
          <dt>{t("rounds.field.requiredDocuments")}</dt>
          <dd>
            <ul>
              {round.documentList.map((d) => (
                <li key={d}>{t(`rounds.doc.${d}`)}</li>
              ))}
            </ul>
          </dd>
          {hasProvinceQuotas(round.level) ? (
            <>
              <dt>{t("rounds.field.quotas")}</dt>
              <dd>
                {round.quotas.length === 0 ? (
                  t("rounds.detail.noQuotas")
                ) : (
                  <ul>
                    {round.quotas.map((q) => (
                      <li key={q.provinceId}>
                        {q.province.name}: {q.quota}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </>
          ) : null}
          {round.description ? (
            <>
              <dt>{t("rounds.field.description")}</dt>
              <dd className="pre-line">{round.description}</dd>
            </>
          ) : null}
          <dt>{t("rounds.detail.createdBy")}</dt>
          <dd>
            {round.createdBy.name}, {formatDateTime(round.createdAt)}
          </dd>
        </dl>
      </section>

      <section className="stack" aria-labelledby="actions-h">
        <h2 id="actions-h">{t("rounds.detail.actions")}</h2>
        {actionData?.form === "transition" && actionData.message ? (
          <div className="notice notice-error" role="alert">
            <p>{actionData.message}</p>
          </div>
        ) : null}
        {moves.length === 0 ? <p className="muted">{t("rounds.detail.noActions")}</p> : null}
        {moves
          .filter((m) => m.kind === "advance")
          .map((m) => (
            <Form method="post" key={m.to}>
              <input type="hidden" name="intent" value="transition" />
              <input type="hidden" name="to" value={m.to} />
              <ConfirmButton confirmText={t(`rounds.transition.confirm.${m.to}`)} className="button">
                {t(`rounds.transition.to.${m.to}`)}
              </ConfirmButton>
            </Form>
          ))}
        {moves
          .filter((m) => m.kind === "reopen")
          .map((m) => (
            <ReopenForm key={m.to} to={m.to === "JUDGING" ? "JUDGING" : "OPEN"} />
          ))}
      </section>

      <section className="card stack" aria-labelledby="edit-h">
        <h2 id="edit-h">{t("rounds.detail.edit")}</h2>
        {round.editable ? (
          <EditRoundForm key={String(round.updatedAt)} round={round} />
        ) : (
          <p className="muted">{t("rounds.detail.readonly")}</p>
        )}
      </section>

      {round.members ? (
        <MembersSection members={round.members} message={actionData?.form === "members" ? actionData.message : null} />
      ) : null}

      <section aria-labelledby="history-h">
        <h2 id="history-h">{t("rounds.detail.history")}</h2>
        <ol className="timeline">
          {round.history.map((h) => (
            <li key={h.id}>
              <strong>{formatDateTime(h.createdAt)}</strong>
              {h.actor ? ` — ${h.actor}` : ""}:{" "}
              {h.action === "round.create"
                ? t("rounds.history.create")
                : h.action === "round.update"
                  ? t("rounds.history.update")
                  : h.action === "round.transition"
                    ? t("rounds.history.transition", { from: statusLabel(h.from), to: statusLabel(h.to) })
                    : h.action === "round.members"
                      ? t("rounds.history.members")
                      : h.action}
              {h.reason ? <div className="muted">{t("rounds.history.reason", { reason: h.reason })}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

type Members = NonNullable<Awaited<ReturnType<typeof loader>>["round"]["members"]>;

/** A regional round's own list of provinces: checkboxes while a draft, a plain list once frozen. */
function MembersSection({ members, message }: { members: Members; message: string | null }) {
  const t = useT();
  const regionLabel = (code: string | null) => (code ? t(`rounds.members.region.${code}` as MessageKey) : "—");
  const inRound = members.provinces.filter((p) => p.member);
  return (
    <section className="card stack" aria-labelledby="members-h">
      <h2 id="members-h">
        {t("rounds.members.title")} <span className="badge">{inRound.length}</span>
      </h2>
      <p className="muted">{t("rounds.members.intro")}</p>
      {message ? (
        <div className="notice notice-error" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      {members.editable ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="members" />
          <fieldset>
            <legend>
              <strong>{t("rounds.members.title")}</strong>
            </legend>
            {members.provinces.map((p) => (
              <div key={p.id}>
                <label>
                  <input type="checkbox" name="provinceIds" value={p.id} defaultChecked={p.member} /> {p.name}{" "}
                  <span className="muted">
                    ({t("rounds.members.defaultRegion", { region: regionLabel(p.defaultRegion) })})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <div>
            <button type="submit" className="button">
              {t("rounds.members.save")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <p className="hint">{t("rounds.members.frozenNote")}</p>
          <ul className="inline-list">
            {inRound.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
