// URL /admin/rounds/:roundId/jury: the round's jury (Ban giám khảo) and council (Hội đồng bình
// chọn) for its organisers: judging settings, members and their roles, invitations by email,
// panels (tiểu ban) and conflicts of interest. Every form posts and works without JavaScript;
// one member or panel is edited at a time (?member=… / ?panel=…). Rules: jury.server.ts.
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  COUNCIL_ROLES,
  ConflictSchema,
  CRITERION_KEYS,
  DEFAULT_SPREAD_LIMIT,
  DeletePanelSchema,
  InviteMemberSchema,
  judgingSettingsFromForm,
  JudgingSettingsSchema,
  PanelSchema,
  RemoveConflictSchema,
  RemoveMemberSchema,
  SPREAD_LIMIT_MAX,
  SPREAD_LIMIT_MIN,
  TIE_BREAK_SLOTS,
  UpdateMemberSchema,
} from "~/modules/judging/jury-schemas";
import {
  createPanel,
  deletePanel,
  getJuryPage,
  inviteJuryMember,
  recordConflict,
  removeConflict,
  removeJuryMember,
  updateJudgingSettings,
  updateJuryMember,
  updatePanel,
} from "~/modules/judging/jury.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT, type MessageKey, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast, type Toast } from "~/utils/toast.server";
import { TableWrap } from "~/components/table-wrap";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const page = await mapDomainErrors(() => getJuryPage(auth, roundId));
  const url = new URL(request.url);
  const memberId = url.searchParams.get("member");
  const panelId = url.searchParams.get("panel");
  return {
    ...page,
    // Looked up among the round's own rows: an id from another round, or no id at all, finds nothing.
    editMember: (memberId && page.members.find((m) => m.id === memberId)) || null,
    editPanel: (panelId && page.panels.find((p) => p.id === panelId)) || null,
  };
}

/** A refused POST: which form of the page it belongs to, and Conform's reply. */
interface ActionReply {
  form: string;
  result: SubmissionResult<string[]>;
}

async function handle<S extends z.ZodType>(
  form: string,
  formData: FormData,
  schema: S,
  t: TFunction,
  run: (value: z.output<S>) => Promise<{ to: string; toast: Toast }>,
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data<ActionReply>({ form, result: submission.reply() }, { status: 400 });
  try {
    const { to, toast } = await run(submission.value as z.output<S>);
    return redirectWithToast(to, toast);
  } catch (error) {
    const reply = replyWithDomainError(error, submission, { t });
    return data<ActionReply>({ form, result: reply.data.result }, reply.init ?? undefined);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const here = `/admin/rounds/${roundId}/jury`;
  const ok = (messageKey: MessageKey, hash: string, params?: Toast["params"]) => ({ to: `${here}#${hash}`, toast: { kind: "success" as const, messageKey, params } });

  switch (formData.get("intent")) {
    case "invite":
      return handle("invite", formData, InviteMemberSchema, t, async (v) => {
        await inviteJuryMember(auth, roundId, { email: v.email, name: v.name, title: v.title, panelId: v.panelId, isJudge: v.isJudge, councilRole: v.councilRole }, meta);
        return ok("jury.invite.done", "members", { email: v.email });
      });
    case "updateMember":
      return handle("updateMember", formData, UpdateMemberSchema, t, async (v) => {
        await updateJuryMember(auth, roundId, v.memberId, v, meta);
        return ok("jury.member.saved", "members");
      });
    case "removeMember":
      return handle("removeMember", formData, RemoveMemberSchema, t, async (v) => {
        await removeJuryMember(auth, roundId, v.memberId, meta);
        return ok("jury.member.removed", "members");
      });
    case "createPanel":
    case "updatePanel":
      return handle(String(formData.get("intent")), formData, PanelSchema, t, async (v) => {
        if (v.intent === "updatePanel") {
          if (!v.panelId) httpError(400, "error.400");
          await updatePanel(auth, roundId, v.panelId, v, meta);
        } else {
          await createPanel(auth, roundId, v, meta);
        }
        return ok(v.intent === "updatePanel" ? "jury.panel.saved" : "jury.panel.created", "panels", { name: v.name });
      });
    case "deletePanel":
      return handle("deletePanel", formData, DeletePanelSchema, t, async (v) => {
        await deletePanel(auth, roundId, v.panelId, meta);
        return ok("jury.panel.deleted", "panels");
      });
    case "settings":
      return handle("settings", formData, JudgingSettingsSchema, t, async (v) => {
        await updateJudgingSettings(auth, roundId, judgingSettingsFromForm(v), meta);
        return ok("jury.settings.saved", "settings");
      });
    case "addConflict":
      return handle("addConflict", formData, ConflictSchema, t, async (v) => {
        await recordConflict(auth, roundId, v, meta);
        return ok("jury.conflict.recorded", "conflicts");
      });
    case "removeConflict":
      return handle("removeConflict", formData, RemoveConflictSchema, t, async (v) => {
        await removeConflict(auth, roundId, v.conflictId, meta);
        return ok("jury.conflict.removed", "conflicts");
      });
    default:
      httpError(400, "error.400");
  }
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type Meta = FieldMetadata<unknown>;

function useReply(form: string) {
  const actionData = useActionData<typeof action>();
  return actionData && "form" in actionData && actionData.form === form ? actionData.result : undefined;
}

function formErrorsOf(result: SubmissionResult<string[]> | undefined) {
  return result?.error?.[""] ?? undefined;
}

function Checkbox({ meta, label, hint }: { meta: Meta; label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        <input {...props} key={props.key} /> {label}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** One of the page's tables (its caption for screen readers), or a line saying it is empty. */
function ListTable({ caption, columns, empty, children }: { caption: MessageKey; columns: MessageKey[]; empty: MessageKey | false; children: ReactNode }) {
  const t = useT();
  if (empty) return <p className="muted">{t(empty)}</p>;
  return (
    <TableWrap label={t(caption)}>
      <table>
        <caption className="sr-only">{t(caption)}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}

// ───────────── settings ─────────────

function SettingsForm({ round, editable }: { round: LoaderData["round"]; editable: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const tb = round.tieBreakList;
  const [form, fields] = useForm({
    id: "jury-settings",
    lastResult: useReply("settings"),
    defaultValue: {
      intent: "settings",
      blindJudging: round.blindJudging ? "on" : undefined,
      spreadOn: round.spreadLimit !== null ? "on" : undefined,
      spreadLimit: String(round.spreadLimit ?? DEFAULT_SPREAD_LIMIT),
      scoringPasses: String(round.scoringPasses),
      tieBreak1: tb[0] ?? "",
      tieBreak2: tb[1] ?? "",
      tieBreak3: tb[2] ?? "",
      tieBreak4: tb[3] ?? "",
      councilName: round.councilName ?? "",
    },
    constraint: getZodConstraint(JudgingSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JudgingSettingsSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const passes = getCollectionProps(fields.scoringPasses, { type: "radio", options: ["1", "2"] });
  const slots = [fields.tieBreak1, fields.tieBreak2, fields.tieBreak3, fields.tieBreak4].slice(0, TIE_BREAK_SLOTS);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="settings" />
      <fieldset disabled={!editable} className="stack">
        <legend className="sr-only">{t("jury.settings.title")}</legend>
        <Checkbox meta={fields.blindJudging} label={t("jury.settings.blindJudging")} hint={t("jury.settings.blindJudging.hint")} />
        <fieldset className="stack">
          <legend>
            <strong>{t("jury.settings.spread")}</strong>
          </legend>
          <p className="hint">{t("jury.settings.spread.hint")}</p>
          <Checkbox meta={fields.spreadOn} label={t("jury.settings.spreadOn")} />
          <Field
            // The schema's preprocess (decimal comma) types it as unknown; it is a number input.
            meta={fields.spreadLimit as FieldMetadata<number | undefined>}
            label="jury.settings.spreadLimit"
            type="number"
            hint={<>{t("jury.settings.spreadLimit.hint", { min: SPREAD_LIMIT_MIN, max: SPREAD_LIMIT_MAX })}</>}
            min={SPREAD_LIMIT_MIN}
            max={SPREAD_LIMIT_MAX}
            step={0.5}
            inputMode="decimal"
          />
        </fieldset>
        <fieldset aria-describedby={fields.scoringPasses.errors?.length ? fields.scoringPasses.errorId : undefined}>
          <legend>
            <strong>{t("jury.settings.scoringPasses")}</strong>
          </legend>
          <p className="hint">{t("jury.settings.scoringPasses.hint")}</p>
          {passes.map((p) => (
            <div key={p.key ?? p.value} className="radio">
              <label htmlFor={p.id}>
                <input {...p} key={p.key} /> {t(p.value === "2" ? "jury.settings.scoringPasses.2" : "jury.settings.scoringPasses.1")}
              </label>
            </div>
          ))}
          {round.currentPass > 1 ? <p className="hint">{t("jury.settings.scoringPasses.secondStarted")}</p> : null}
          <ErrorList id={fields.scoringPasses.errorId} errors={fields.scoringPasses.errors} />
        </fieldset>
        <fieldset className="stack">
          <legend>
            <strong>{t("jury.settings.tieBreak")}</strong>
          </legend>
          <p className="hint">{t("jury.settings.tieBreak.hint")}</p>
          <div className="grid-2">
            {slots.map((meta, i) => (
              <SelectField key={meta.name} meta={meta} label={`jury.settings.tieBreak.slot${i + 1}` as MessageKey}>
                <option value="">{t("jury.settings.tieBreak.none")}</option>
                {CRITERION_KEYS.map((c) => (
                  <option key={c} value={c}>
                    {t(`jury.criterion.${c}` as MessageKey)}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
        </fieldset>
        <Field meta={fields.councilName} label="jury.settings.councilName" hint="jury.settings.councilName.hint" placeholder={round.defaultCouncilName} />
        {editable ? (
          <p>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("jury.settings.save")}
            </button>
          </p>
        ) : null}
      </fieldset>
    </Form>
  );
}

// ───────────── members ─────────────

function MemberRoleFields({ fields, panels }: { fields: Record<"title" | "panelId" | "councilRole", FieldMetadata<string | undefined>> & { isJudge: Meta }; panels: LoaderData["panels"] }) {
  const t = useT();
  return (
    <>
      <Field meta={fields.title} label="jury.member.title" hint="jury.member.title.hint" />
      <Checkbox meta={fields.isJudge} label={t("jury.member.isJudge")} hint={t("jury.member.isJudge.hint")} />
      <SelectField meta={fields.panelId} label="jury.member.panel" hint="jury.member.panel.hint">
        <option value="">{t("jury.member.panel.none")}</option>
        {panels.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.groups.join(", ")})
          </option>
        ))}
      </SelectField>
      <SelectField meta={fields.councilRole} label="jury.member.councilRole" hint="jury.member.councilRole.hint">
        <option value="">{t("jury.member.councilRole.none")}</option>
        {COUNCIL_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`jury.councilRole.${r}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function InviteForm({ panels, editable }: { panels: LoaderData["panels"]; editable: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "jury-invite",
    lastResult: useReply("invite"),
    defaultValue: { intent: "invite", isJudge: "on" },
    constraint: getZodConstraint(InviteMemberSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteMemberSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="invite" />
      <p className="hint">{t("jury.invite.hint")}</p>
      <fieldset disabled={!editable} className="stack">
        <legend className="sr-only">{t("jury.invite.title")}</legend>
        <div className="grid-2">
          <Field meta={fields.email} label="jury.invite.email" type="email" required inputMode="email" />
          <Field meta={fields.name} label="jury.invite.name" required />
        </div>
        <MemberRoleFields fields={fields} panels={panels} />
        {editable ? (
          <p>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("jury.invite.submit")}
            </button>
          </p>
        ) : null}
      </fieldset>
    </Form>
  );
}

function EditMember({ member, panels, provinces, roundId, editable }: {
  member: NonNullable<LoaderData["editMember"]>;
  panels: LoaderData["panels"];
  provinces: LoaderData["provinces"];
  roundId: string;
  editable: boolean;
}) {
  const t = useT();
  const removeReply = useReply("removeMember");
  const [form, fields] = useForm({
    id: `jury-member-${member.id}`,
    lastResult: useReply("updateMember"),
    defaultValue: {
      intent: "updateMember",
      memberId: member.id,
      title: member.title ?? "",
      isJudge: member.isJudge ? "on" : undefined,
      panelId: member.panel?.id ?? "",
      councilRole: member.councilRole ?? "",
      provinceId: member.province?.id ?? "",
    },
    constraint: getZodConstraint(UpdateMemberSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateMemberSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card stack" id="edit-member" aria-labelledby="edit-member-h">
      <h3 id="edit-member-h">{t("jury.member.edit", { name: member.name })}</h3>
      <p className="muted">{member.email}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="updateMember" />
        <input type="hidden" name="memberId" value={member.id} />
        <fieldset disabled={!editable} className="stack">
          <legend className="sr-only">{t("jury.member.edit", { name: member.name })}</legend>
          <MemberRoleFields fields={fields} panels={panels} />
          <SelectField meta={fields.provinceId} label="jury.member.province" hint="jury.member.province.hint">
            <option value="">{t("jury.member.province.none")}</option>
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          {editable ? (
            <p className="actions">
              <button type="submit" className="button">
                {t("common.save")}
              </button>{" "}
              <Link to={`/admin/rounds/${roundId}/jury#members`}>{t("common.cancel")}</Link>
            </p>
          ) : null}
        </fieldset>
      </Form>
      <FormErrors errors={formErrorsOf(removeReply)} />
      {!editable ? null : member.sheets > 0 ? (
        // The server refuses it anyway (jury.server.ts#removeJuryMember); say why up front.
        <p className="hint">{t("jury.member.remove.blocked", { count: member.sheets })}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="removeMember" />
          <input type="hidden" name="memberId" value={member.id} />
          <ConfirmButton className="button button-danger" confirmText={t("jury.member.remove.confirm", { name: member.name })}>
            {t("jury.member.remove")}
          </ConfirmButton>
        </Form>
      )}
    </section>
  );
}

function MembersTable({ members, roundId }: { members: LoaderData["members"]; roundId: string }) {
  const t = useT();
  return (
    <ListTable
      caption="jury.members.title"
      columns={["jury.col.name", "jury.col.judge", "jury.col.panel", "jury.col.councilRole", "jury.col.title", "jury.col.province", "jury.col.declaration", "jury.col.conflicts", "common.actions"]}
      empty={members.length === 0 && "jury.members.empty"}
    >
      {members.map((m) => (
        <tr key={m.id}>
          <td>
            {m.name}
            <div className="muted">{m.email}</div>
          </td>
          <td>{m.isJudge ? t("common.yes") : t("common.no")}</td>
          <td>{m.panel ? m.panel.name : m.isJudge ? <span className="muted">{t("jury.member.panel.none")}</span> : "—"}</td>
          <td>{m.councilRole ? t(`jury.councilRole.${m.councilRole}`) : "—"}</td>
          <td>{m.title ?? "—"}</td>
          <td>
            {m.province?.name ?? "—"}
            {m.provinceConflict ? <div className="muted">{t("jury.member.provinceConflict.short", { count: m.provinceConflict.entries })}</div> : null}
          </td>
          <td>{m.declaredAt ? formatDate(m.declaredAt) : <span className="flag">{t("jury.declaration.none")}</span>}</td>
          <td className="num">{m.conflicts}</td>
          <td>
            <Link to={`/admin/rounds/${roundId}/jury?member=${m.id}#edit-member`} aria-label={t("jury.member.edit", { name: m.name })}>
              {t("jury.member.editLink")}
            </Link>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

// ───────────── panels ─────────────

function PanelForm({ groups, panel, roundId, editable }: { groups: LoaderData["groups"]; panel: LoaderData["editPanel"]; roundId: string; editable: boolean }) {
  const t = useT();
  const intent = panel ? "updatePanel" : "createPanel";
  const [form, fields] = useForm({
    id: panel ? `jury-panel-${panel.id}` : "jury-panel-new",
    lastResult: useReply(intent),
    defaultValue: { intent, panelId: panel?.id ?? "", name: panel?.name ?? "", groups: panel?.groups ?? [] },
    constraint: getZodConstraint(PanelSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PanelSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const boxes = getCollectionProps(fields.groups, { type: "checkbox", options: groups });
  return (
    <Form method="post" {...getFormProps(form)} className="stack card" id={panel ? "edit-panel" : undefined}>
      <h3>{panel ? t("jury.panel.edit", { name: panel.name }) : t("jury.panel.create")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {panel ? <input type="hidden" name="panelId" value={panel.id} /> : null}
      <fieldset disabled={!editable} className="stack">
        <legend className="sr-only">{panel ? t("jury.panel.edit", { name: panel.name }) : t("jury.panel.create")}</legend>
        <Field meta={fields.name} label="jury.panel.name" required />
        <fieldset aria-describedby={fields.groups.errors?.length ? fields.groups.errorId : undefined}>
          <legend>
            <strong>{t("jury.panel.groups")}</strong>
          </legend>
          <p className="hint">{t("jury.panel.groups.hint")}</p>
          {boxes.map((b) => (
            <div key={b.key ?? b.value}>
              <label htmlFor={b.id}>
                <input {...b} key={b.key} required={false} /> {b.value} — {t(`group.${b.value}` as MessageKey)}
              </label>
            </div>
          ))}
          <ErrorList id={fields.groups.errorId} errors={fields.groups.errors} />
        </fieldset>
        {editable ? (
          <p className="actions">
            <button type="submit" className="button">
              {panel ? t("common.save") : t("jury.panel.createSubmit")}
            </button>
            {panel ? (
              <>
                {" "}
                <Link to={`/admin/rounds/${roundId}/jury#panels`}>{t("common.cancel")}</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </fieldset>
    </Form>
  );
}

function Panels({ panels, groups, editPanel, roundId, editable }: { panels: LoaderData["panels"]; groups: LoaderData["groups"]; editPanel: LoaderData["editPanel"]; roundId: string; editable: boolean }) {
  const t = useT();
  const deleteReply = useReply("deletePanel");
  return (
    <div className="stack">
      <p className="hint">{t("jury.panels.hint")}</p>
      <FormErrors errors={formErrorsOf(deleteReply)} />
      <ListTable caption="jury.panels.title" columns={["jury.panel.name", "jury.panel.groups", "jury.panel.members", "common.actions"]} empty={panels.length === 0 && "jury.panels.empty"}>
        {panels.map((p) => (
          <tr key={p.id}>
            <td>{p.name}</td>
            <td>{p.groups.map((g) => `${g} — ${t(`group.${g}` as MessageKey)}`).join("; ")}</td>
            <td className="num">{p.members}</td>
            <td>
              {editable ? (
                <>
                  <Link to={`/admin/rounds/${roundId}/jury?panel=${p.id}#edit-panel`} aria-label={t("jury.panel.edit", { name: p.name })}>
                    {t("jury.member.editLink")}
                  </Link>
                  {p.members === 0 ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="deletePanel" />
                      <input type="hidden" name="panelId" value={p.id} />{" "}
                      <ConfirmButton className="button button-small button-danger" confirmText={t("jury.panel.delete.confirm", { name: p.name })}>
                        {t("jury.panel.delete")}
                      </ConfirmButton>
                    </Form>
                  ) : (
                    <div className="hint">{t("jury.panel.delete.blocked")}</div>
                  )}
                </>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      {editPanel ? <PanelForm key={editPanel.id} groups={groups} panel={editPanel} roundId={roundId} editable={editable} /> : null}
      <PanelForm key="new" groups={groups} panel={null} roundId={roundId} editable={editable} />
    </div>
  );
}

// ───────────── conflicts ─────────────

function ConflictForm({ members, establishments, editable }: { members: LoaderData["members"]; establishments: LoaderData["establishments"]; editable: boolean }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "jury-conflict",
    lastResult: useReply("addConflict"),
    defaultValue: { intent: "addConflict" },
    constraint: getZodConstraint(ConflictSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConflictSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const note = getTextareaProps(fields.note);
  return (
    <Form method="post" {...getFormProps(form)} className="stack card">
      <h3>{t("jury.conflict.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="addConflict" />
      {establishments.length === 0 ? <p className="muted">{t("jury.conflict.noEstablishments")}</p> : null}
      <fieldset disabled={!editable || establishments.length === 0 || members.length === 0} className="stack">
        <legend className="sr-only">{t("jury.conflict.add")}</legend>
        <div className="grid-2">
          <SelectField meta={fields.memberId} label="jury.conflict.member" required="unmarked">
            <option value="">{t("jury.conflict.choose")}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </SelectField>
          <SelectField meta={fields.establishmentId} label="jury.conflict.establishment" required="unmarked">
            <option value="">{t("jury.conflict.choose")}</option>
            {establishments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field">
          <label htmlFor={fields.note.id}>{t("jury.conflict.note")}</label>
          <textarea {...note} key={note.key} rows={2} maxLength={1000} />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        {editable ? (
          <p>
            <button type="submit" className="button">
              {t("jury.conflict.submit")}
            </button>
          </p>
        ) : null}
      </fieldset>
    </Form>
  );
}

function Conflicts({ page }: { page: LoaderData }) {
  const t = useT();
  const removeReply = useReply("removeConflict");
  const withProvince = page.members.filter((m) => m.provinceConflict);
  const editable = page.editable.jury;
  return (
    <div className="stack">
      <p className="hint">{t("jury.conflicts.hint")}</p>
      <FormErrors errors={formErrorsOf(removeReply)} />
      <ListTable caption="jury.conflicts.title" columns={["jury.conflict.establishment", "jury.conflict.member", "jury.conflict.source", "jury.conflict.note", "jury.conflict.date", "common.actions"]} empty={page.conflicts.length === 0 && "jury.conflicts.empty"}>
        {page.conflicts.map((c) => (
          <tr key={c.id}>
            <td>{c.establishment.name}</td>
            <td>{c.juryMember.user.name}</td>
            <td>{c.source === "ORGANISER" ? t("jury.conflict.source.ORGANISER") : t("jury.conflict.source.DECLARED")}</td>
            <td className="pre-line">{c.note ?? "—"}</td>
            <td>{formatDateTime(c.createdAt)}</td>
            <td>
              {c.source === "ORGANISER" && editable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeConflict" />
                  <input type="hidden" name="conflictId" value={c.id} />
                  <ConfirmButton className="button button-small button-secondary" confirmText={t("jury.conflict.remove.confirm")}>
                    {t("jury.conflict.remove")}
                  </ConfirmButton>
                </Form>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      {withProvince.length ? (
        <div className="stack">
          <h3>{t("jury.conflicts.province.title")}</h3>
          <ul>
            {withProvince.map((m) => (
              <li key={m.id}>
                {t("jury.conflicts.province.item", { name: m.name, province: m.provinceConflict!.provinceName, count: m.provinceConflict!.entries })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConflictForm members={page.members} establishments={page.establishments} editable={editable} />
    </div>
  );
}

export default function JuryPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const { round } = page;
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.name}</Link>
      </p>
      <div className="stack">
        <h1>{t("jury.page.title")}</h1>
        <p>
          {round.name} · <span className="badge">{t(`rounds.status.${round.status}` as MessageKey)}</span>
        </p>
        {!page.editable.jury ? <p className="notice notice-info">{t("jury.page.closed")}</p> : null}
        <nav aria-label={t("jury.page.sections")}>
          <ul className="inline-list">
            <li>
              <a href="#settings">{t("jury.settings.title")}</a>
            </li>
            <li>
              <a href="#members">{t("jury.members.title")}</a>
            </li>
            <li>
              <a href="#invite">{t("jury.invite.title")}</a>
            </li>
            <li>
              <a href="#panels">{t("jury.panels.title")}</a>
            </li>
            <li>
              <a href="#conflicts">{t("jury.conflicts.title")}</a>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/assignments`}>{t("jury.assign.title")}</Link>
            </li>
          </ul>
        </nav>
      </div>

      <section className="card stack" id="settings" aria-labelledby="settings-h">
        <h2 id="settings-h">{t("jury.settings.title")}</h2>
        <SettingsForm key={String(round.blindJudging) + round.tieBreak + round.spreadLimit + round.scoringPasses + (round.councilName ?? "")} round={round} editable={page.editable.settings} />
      </section>

      <section className="stack" id="members" aria-labelledby="members-h">
        <h2 id="members-h">{t("jury.members.title")}</h2>
        <p className="hint">{t("jury.members.hint")}</p>
        <MembersTable members={page.members} roundId={round.id} />
        {page.editMember ? (
          <EditMember key={page.editMember.id} member={page.editMember} panels={page.panels} provinces={page.provinces} roundId={round.id} editable={page.editable.jury} />
        ) : null}
      </section>

      <section className="card stack" id="invite" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("jury.invite.title")}</h2>
        <InviteForm panels={page.panels} editable={page.editable.jury} />
      </section>

      <section className="stack" id="panels" aria-labelledby="panels-h">
        <h2 id="panels-h">{t("jury.panels.title")}</h2>
        <Panels panels={page.panels} groups={page.groups} editPanel={page.editPanel} roundId={round.id} editable={page.editable.jury} />
      </section>

      <section className="stack" id="conflicts" aria-labelledby="conflicts-h">
        <h2 id="conflicts-h">{t("jury.conflicts.title")}</h2>
        <Conflicts page={page} />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
