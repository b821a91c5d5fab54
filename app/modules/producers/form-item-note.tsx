// The second line of a checklist item for form 01 or 02: whether the signed scan or the
// generated paper stands for it, or which product fields the generated paper still needs.
import { useT } from "~/utils/i18n";
import type { ChecklistItem } from "./dossier";
import { FORM_FIELD_LABEL, isDossierForm } from "./forms";

export function FormItemNote({ item }: { item: ChecklistItem }) {
  const t = useT();
  if (item.key === "photos" || !isDossierForm(item.key) || item.source === undefined) return null;
  let text: string;
  if (item.source === "scan") text = t("forms.checklist.scan");
  else if (item.source === "generated") text = t("forms.checklist.generated");
  else if (item.missingFields?.length)
    text = t("forms.checklist.missingFields", {
      fields: item.missingFields.map((f) => t(FORM_FIELD_LABEL[f]).toLocaleLowerCase("vi")).join(", "),
    });
  else text = t("forms.checklist.scanOnly");
  return (
    <>
      <br />
      <span className="hint">{text}</span>
    </>
  );
}
