import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { parsePage } from "~/utils/paging";
import { scopeLabel } from "~/modules/access/scope-label";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  createInvitation,
  invitationFormOptions,
  listInvitations,
  revokeInvitation,
} from "~/modules/invitations/invitations.server";
import { InviteSchema, RevokeInvitationSchema, scopeFromForm } from "~/modules/invitations/schemas";
import { canManageInvitations } from "~/modules/invitations/scope";
import { INVITATION_STATUSES } from "~/modules/invitations/status";
import { formatDate, formatDateTime } from "~/utils/dates";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams, safeRedirectPath, throwForbidden } from "~/utils/http.server";
import { getT, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";

const PATH = "/admin/invitations";
// An unknown status in a hand-edited URL shows every invitation rather than an error page.
const StatusParam = z.enum(INVITATION_STATUSES).optional().catch(undefined);

export const meta = titleMeta("admin.invitations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageInvitations(auth.roles)) throwForbidden();
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("page"));
  const status = StatusParam.parse(url.searchParams.get("status") || undefined);
  const [list, options] = await Promise.all([listInvitations(auth, { page, status }), invitationFormOptions(auth)]);
  return { list, options, status: status ?? "" };
}

/** Back to the list as it was (page, filter) after a revoke; only ever to this page. */
function backTo(formData: FormData) {
  const to = safeRedirectPath(formData.get("redirectTo"), PATH);
  return to === PATH || to.startsWith(`${PATH}?`) ? to : PATH;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageInvitations(auth.roles)) throwForbidden();
  const formData = await request.formData();
  const meta = requestMeta(request, context);

  if (formData.get("intent") === "revoke") {
    const { invitationId } = parseParams(RevokeInvitationSchema, { invitationId: formData.get("invitationId") });
    await mapDomainErrors(() => revokeInvitation(auth, invitationId, meta));
    return redirectWithToast(backTo(formData), { kind: "success", messageKey: "admin.invitations.revoked" });
  }

  const submission = parseWithZod(formData, { schema: InviteSchema });
  if (submission.status !== "success") return invalid(submission);
  const t = getT(await getLocale(request));
  try {
    await createInvitation(auth, { email: submission.value.email, ...scopeFromForm(submission.value) }, meta);
  } catch (error) {
    return replyWithDomainError(error, submission, { t });
  }
  return redirectWithToast(PATH, {
    kind: "success",
    messageKey: "admin.invite.sent",
    params: { email: submission.value.email },
  });
}

/** True once React runs in the browser: only then may fields that do not apply be hidden. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type Row = Awaited<ReturnType<typeof loader>>["list"]["items"][number];

export default function AdminInvitations() {
  const t = useT();
  const locale = useLocale();
  const { list, options, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    defaultValue: {
      level: options.levels.length === 1 ? options.levels[0] : undefined,
      provinceId: options.provinces.length === 1 ? options.provinces[0]?.id : undefined,
    },
    constraint: getZodConstraint(InviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // After a successful invitation (a redirect back here) the form starts empty again; after a
  // refused one it keeps what was typed (actionData carries it).
  const sendingInvite = navigation.state !== "idle" && navigation.formData?.get("intent") === "invite";
  const wasSending = useRef(false);
  useEffect(() => {
    if (sendingInvite) wasSending.current = true;
    else if (wasSending.current && navigation.state === "idle") {
      wasSending.current = false;
      if (!actionData) form.reset();
    }
  }, [sendingInvite, navigation.state, actionData, form]);
  const level = fields.level.value;
  // Without JavaScript every select stays visible and the server ignores the one that does not apply.
  const showRegion = options.levels.includes("REGION") && (!hydrated || level === "REGION");
  const showProvince = options.levels.includes("PROVINCE") && (!hydrated || level === "PROVINCE");
  const here = location.pathname + location.search;
  const columns: Column<Row>[] = [
    { key: "email", header: t("auth.email"), primary: true, cell: (i) => i.email },
    { key: "scope", header: t("admin.invitations.scope"), cell: (i) => scopeLabel(t, locale, i.scope) },
    { key: "invitedBy", header: t("admin.invitations.invitedBy"), cell: (i) => i.invitedBy.name },
    { key: "sentAt", header: t("admin.invitations.sentAt"), half: true, cell: (i) => formatDateTime(i.createdAt) },
    { key: "expiresAt", header: t("admin.invitations.expiresAt"), half: true, cell: (i) => formatDate(i.expiresAt) },
    {
      key: "status",
      header: t("admin.invitations.status"),
      half: true,
      cell: (i) => <span className="badge">{t(`admin.invitations.status.${i.status}` as MessageKey)}</span>,
    },
    {
      key: "actions",
      header: t("common.actions"),
      half: true,
      cell: (i) =>
        i.status === "pending" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="invitationId" value={i.id} />
            <input type="hidden" name="redirectTo" value={here} />
            <ConfirmButton
              confirmText={t("admin.invitations.revokeConfirm", { email: i.email })}
              className="button button-small button-danger"
            >
              {t("admin.invitations.revoke")}
            </ConfirmButton>
          </Form>
        ) : null,
    },
  ];

  return (
    <div className="stack-lg">
      <h1>{t("admin.invitations.title")}</h1>

      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("admin.invite.title")}</h2>
        <p className="muted">
          {t(options.levels.length > 1 ? "admin.invite.introAdmin" : "admin.invite.introProvince")}
        </p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <Field label="auth.email" meta={fields.email} type="email" autoComplete="off" inputMode="email" required />
          <SelectField label="admin.invite.level" meta={fields.level} required>
            {options.levels.length > 1 ? <option value="">{t("admin.invite.level.choose")}</option> : null}
            {options.levels.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </SelectField>
          {showRegion ? (
            <SelectField label="admin.invite.region" meta={fields.regionId}>
              <option value="">{t("admin.invite.region.choose")}</option>
              {options.regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {locale === "en" ? r.nameEn : r.nameVi}
                </option>
              ))}
            </SelectField>
          ) : null}
          {showProvince ? (
            <SelectField label="admin.invite.province" meta={fields.provinceId}>
              {options.provinces.length > 1 ? <option value="">{t("admin.invite.province.choose")}</option> : null}
              {options.provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {!hydrated && options.levels.length > 1 ? <p className="hint">{t("admin.invite.noJsHint")}</p> : null}
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("admin.invite.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-h" className="stack">
        <h2 id="list-h">{t("admin.invitations.list")}</h2>
        <FilterBar label={t("admin.invitations.filters")} active={countActive({ status })}>
          <div className="field">
            <label htmlFor="status-filter">{t("admin.invitations.status")}</label>
            <select id="status-filter" name="status" defaultValue={status}>
              <option value="">{t("admin.invitations.status.all")}</option>
              {INVITATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`admin.invitations.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </FilterBar>
        <DataTable
          columns={columns}
          rows={list.items}
          rowKey={(i) => i.id}
          caption={t("admin.invitations.list")}
          hideCaption
          empty={t("common.empty")}
          paging={list}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
