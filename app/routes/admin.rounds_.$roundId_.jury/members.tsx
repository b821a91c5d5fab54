// The jury's members: the invitation form (the page's most frequent task, first on the page),
// the list of members and the form editing one of them (?member=…).
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { DataTable, type Column } from "~/components/data-table";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { COUNCIL_ROLES, InviteMemberSchema, UpdateMemberSchema } from "~/modules/judging/jury-schemas";
import { formatDate } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import { Checkbox, formErrorsOf, useReply, type LoaderData, type Meta } from "./shared";

function MemberRoleFields({
  fields,
  panels,
}: {
  fields: Record<"title" | "panelId" | "councilRole", FieldMetadata<string | undefined>> & { isJudge: Meta };
  panels: LoaderData["panels"];
}) {
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

export function InviteForm({ panels, editable }: { panels: LoaderData["panels"]; editable: boolean }) {
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

export function EditMember({
  member,
  panels,
  provinces,
  roundId,
  editable,
}: {
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
          <ConfirmButton
            className="button button-danger"
            confirmText={t("jury.member.remove.confirm", { name: member.name })}
          >
            {t("jury.member.remove")}
          </ConfirmButton>
        </Form>
      )}
    </section>
  );
}

type Member = LoaderData["members"][number];

export function MembersTable({ members, roundId }: { members: LoaderData["members"]; roundId: string }) {
  const t = useT();
  const columns: Column<Member>[] = [
    {
      key: "name",
      header: t("jury.col.name"),
      primary: true,
      cell: (m) => (
        <>
          {m.name}
          <div className="muted">{m.email}</div>
        </>
      ),
    },
    {
      key: "judge",
      header: t("jury.col.judge"),
      half: true,
      cell: (m) => (m.isJudge ? t("common.yes") : t("common.no")),
    },
    {
      key: "panel",
      header: t("jury.col.panel"),
      half: true,
      cell: (m) =>
        m.panel ? m.panel.name : m.isJudge ? <span className="muted">{t("jury.member.panel.none")}</span> : "—",
    },
    {
      key: "councilRole",
      header: t("jury.col.councilRole"),
      half: true,
      cell: (m) => (m.councilRole ? t(`jury.councilRole.${m.councilRole}`) : "—"),
    },
    { key: "title", header: t("jury.col.title"), half: true, cell: (m) => m.title ?? "—" },
    {
      key: "province",
      header: t("jury.col.province"),
      cell: (m) => (
        <>
          {m.province?.name ?? "—"}
          {m.provinceConflict ? (
            <div className="muted">
              {t("jury.member.provinceConflict.short", { count: m.provinceConflict.entries })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: "declaration",
      header: t("jury.col.declaration"),
      half: true,
      cell: (m) =>
        m.declaredAt ? formatDate(m.declaredAt) : <span className="flag">{t("jury.declaration.none")}</span>,
    },
    { key: "conflicts", header: t("jury.col.conflicts"), num: true, cell: (m) => m.conflicts },
    {
      key: "actions",
      header: t("common.actions"),
      label: "",
      cell: (m) => (
        <Link
          to={`/admin/rounds/${roundId}/jury?member=${m.id}#edit-member`}
          aria-label={t("jury.member.edit", { name: m.name })}
        >
          {t("jury.member.editLink")}
        </Link>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={members}
      rowKey={(m) => m.id}
      caption={t("jury.members.title")}
      hideCaption
      empty={t("jury.members.empty")}
    />
  );
}
