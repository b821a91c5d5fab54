// The jury's panels (tiểu ban): the list, the form creating one and the form editing one (?panel=…).
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { DataTable, type Column } from "~/components/data-table";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { PanelSchema } from "~/modules/judging/jury-schemas";
import { useT, type MessageKey } from "~/utils/i18n";
import { formErrorsOf, useReply, type LoaderData } from "./shared";

function PanelForm({
  groups,
  panel,
  roundId,
  editable,
}: {
  groups: LoaderData["groups"];
  panel: LoaderData["editPanel"];
  roundId: string;
  editable: boolean;
}) {
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
        <legend className="sr-only">
          {panel ? t("jury.panel.edit", { name: panel.name }) : t("jury.panel.create")}
        </legend>
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

type Panel = LoaderData["panels"][number];

export function Panels({
  panels,
  groups,
  editPanel,
  roundId,
  editable,
}: {
  panels: LoaderData["panels"];
  groups: LoaderData["groups"];
  editPanel: LoaderData["editPanel"];
  roundId: string;
  editable: boolean;
}) {
  const t = useT();
  const deleteReply = useReply("deletePanel");
  const columns: Column<Panel>[] = [
    { key: "name", header: t("jury.panel.name"), primary: true, cell: (p) => p.name },
    {
      key: "groups",
      header: t("jury.panel.groups"),
      cell: (p) => p.groups.map((g) => `${g} — ${t(`group.${g}` as MessageKey)}`).join("; "),
    },
    { key: "members", header: t("jury.panel.members"), num: true, cell: (p) => p.members },
    {
      key: "actions",
      header: t("common.actions"),
      label: "",
      cell: (p) =>
        editable ? (
          <>
            <Link
              to={`/admin/rounds/${roundId}/jury?panel=${p.id}#edit-panel`}
              aria-label={t("jury.panel.edit", { name: p.name })}
            >
              {t("jury.member.editLink")}
            </Link>
            {p.members === 0 ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="deletePanel" />
                <input type="hidden" name="panelId" value={p.id} />{" "}
                <ConfirmButton
                  className="button button-small button-danger"
                  confirmText={t("jury.panel.delete.confirm", { name: p.name })}
                >
                  {t("jury.panel.delete")}
                </ConfirmButton>
              </Form>
            ) : (
              <div className="hint">{t("jury.panel.delete.blocked")}</div>
            )}
          </>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <div className="stack">
      <p className="hint">{t("jury.panels.hint")}</p>
      <FormErrors errors={formErrorsOf(deleteReply)} />
      <DataTable
        columns={columns}
        rows={panels}
        rowKey={(p) => p.id}
        caption={t("jury.panels.title")}
        hideCaption
        empty={t("jury.panels.empty")}
      />
      {editPanel ? (
        <PanelForm key={editPanel.id} groups={groups} panel={editPanel} roundId={roundId} editable={editable} />
      ) : null}
      <PanelForm key="new" groups={groups} panel={null} roundId={roundId} editable={editable} />
    </div>
  );
}
