// The establishment form (new and edit): three short sections, examples in every hint. Works
// without JavaScript; with it, Conform checks each field when it loses focus.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { useT, type MessageKey } from "~/utils/i18n";
import { FormSection } from "./form-fields";
import { LEGAL_FORMS } from "./rules";
import { EstablishmentSchema } from "./schemas";

export interface EstablishmentDefaults {
  legalForm?: string;
  name?: string;
  registrationNumber?: string;
  registrationDate?: string;
  registrationIssuer?: string;
  legalRepresentative?: string;
  provinceId?: string;
  commune?: string;
  addressLine?: string;
  phone?: string;
  email?: string;
  workforce?: string;
}

export function EstablishmentForm({
  id,
  provinces,
  defaultValue,
  lastResult,
  submitLabel,
  sectionLevel = 2,
}: {
  id: string;
  provinces: Array<{ id: string; name: string }>;
  defaultValue?: EstablishmentDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: MessageKey;
  /** 3 when the form sits under a section heading of its page. */
  sectionLevel?: 2 | 3;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(EstablishmentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EstablishmentSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="hint">{t("producers.required")}</p>
      <FormSection level={sectionLevel} title="producers.establishment.section.legal">
        <SelectField label="producers.field.legalForm" meta={fields.legalForm} required>
          <option value="">{t("producers.field.legalForm.choose")}</option>
          {LEGAL_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`legalForm.${f}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label="producers.field.name"
          meta={fields.name}
          hint="producers.hint.name"
          autoComplete="organization"
          required
        />
        <Field
          label="producers.field.registrationNumber"
          meta={fields.registrationNumber}
          hint="producers.hint.registrationNumber"
          autoComplete="off"
          required
        />
        <Field
          label="producers.field.registrationDate"
          meta={fields.registrationDate}
          type="date"
          hint="producers.hint.registrationDate"
          required
        />
        <Field
          label="producers.field.registrationIssuer"
          meta={fields.registrationIssuer}
          hint="producers.hint.registrationIssuer"
          required
        />
        <Field
          label="producers.field.legalRepresentative"
          meta={fields.legalRepresentative}
          hint="producers.hint.legalRepresentative"
          autoComplete="name"
          required
        />
      </FormSection>
      <FormSection level={sectionLevel} title="producers.establishment.section.address">
        <SelectField label="producers.field.province" meta={fields.provinceId} required>
          <option value="">{t("producers.field.province.choose")}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <p className="hint">{t("producers.hint.province")}</p>
        <Field label="producers.field.commune" meta={fields.commune} hint="producers.hint.commune" required />
        <Field
          label="producers.field.addressLine"
          meta={fields.addressLine}
          hint="producers.hint.addressLine"
          autoComplete="street-address"
        />
        <Field
          label="producers.field.phone"
          meta={fields.phone}
          type="tel"
          inputMode="tel"
          hint="producers.hint.phone"
          autoComplete="tel"
          required
        />
        <Field
          label="producers.field.email"
          meta={fields.email}
          type="email"
          inputMode="email"
          hint="producers.hint.email"
          autoComplete="email"
        />
      </FormSection>
      <FormSection level={sectionLevel} title="producers.establishment.section.scale">
        <Field
          label="producers.field.workforce"
          meta={fields.workforce}
          type="number"
          inputMode="numeric"
          hint="producers.hint.workforce"
        />
      </FormSection>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t(submitLabel)}
      </button>
    </Form>
  );
}
