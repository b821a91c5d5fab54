// Conflicts of interest between members and establishments: recorded by the organiser or
// declared by the judge, and the members from an entrant's province.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { DataTable, type Column } from "~/components/data-table";
import { ErrorList, FormErrors, SelectField } from "~/components/forms";
import { ConflictSchema } from "~/modules/judging/jury-schemas";
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import { formErrorsOf, useReply, type LoaderData } from "./shared";

function ConflictForm({
  members,
  establishments,
  editable,
}: {
  members: LoaderData["members"];
  establishments: LoaderData["establishments"];
  editable: boolean;
}) {
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

type Conflict = LoaderData["conflicts"][number];

export function Conflicts({ page }: { page: LoaderData }) {
  const t = useT();
  const removeReply = useReply("removeConflict");
  const withProvince = page.members.filter((m) => m.provinceConflict);
  const editable = page.editable.jury;
  const columns: Column<Conflict>[] = [
    {
      key: "establishment",
      header: t("jury.conflict.establishment"),
      primary: true,
      cell: (c) => c.establishment.name,
    },
    { key: "member", header: t("jury.conflict.member"), half: true, cell: (c) => c.juryMember.user.name },
    {
      key: "source",
      header: t("jury.conflict.source"),
      half: true,
      cell: (c) =>
        c.source === "ORGANISER" ? t("jury.conflict.source.ORGANISER") : t("jury.conflict.source.DECLARED"),
    },
    { key: "note", header: t("jury.conflict.note"), className: "pre-line", cell: (c) => c.note ?? "—" },
    { key: "date", header: t("jury.conflict.date"), cell: (c) => formatDateTime(c.createdAt) },
    {
      key: "actions",
      header: t("common.actions"),
      label: "",
      cell: (c) =>
        c.source === "ORGANISER" && editable ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="removeConflict" />
            <input type="hidden" name="conflictId" value={c.id} />
            <ConfirmButton
              className="button button-small button-secondary"
              confirmText={t("jury.conflict.remove.confirm")}
            >
              {t("jury.conflict.remove")}
            </ConfirmButton>
          </Form>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <div className="stack">
      <p className="hint">{t("jury.conflicts.hint")}</p>
      <FormErrors errors={formErrorsOf(removeReply)} />
      <DataTable
        columns={columns}
        rows={page.conflicts}
        rowKey={(c) => c.id}
        caption={t("jury.conflicts.title")}
        hideCaption
        empty={t("jury.conflicts.empty")}
      />
      {withProvince.length ? (
        <div className="stack">
          <h3>{t("jury.conflicts.province.title")}</h3>
          <ul>
            {withProvince.map((m) => (
              <li key={m.id}>
                {t("jury.conflicts.province.item", {
                  name: m.name,
                  province: m.provinceConflict!.provinceName,
                  count: m.provinceConflict!.entries,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConflictForm members={page.members} establishments={page.establishments} editable={editable} />
    </div>
  );
}
