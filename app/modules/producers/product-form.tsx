// The product form (new and edit), in four short sections. The list of a set's items shows for
// every product without JavaScript (the hint says to fill it only for a set); with JavaScript it
// appears only when "Bộ sản phẩm" is chosen.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { useT, type MessageKey } from "~/utils/i18n";
import { FormSection, RadioField, TextareaField } from "./form-fields";
import { PRODUCT_GROUPS } from "./rules";
import { ProductSchema } from "./schemas";

export interface ProductDefaults {
  name?: string;
  group?: string;
  kind?: "single" | "set";
  setItems?: string;
  description?: string;
  rawMaterials?: string;
  process?: string;
  annualCapacity?: string;
  markets?: string;
  businessLines?: string;
  workforce?: string;
  revenue?: string;
  revenueYear?: string;
  exportShare?: string;
  qualityCerts?: string;
  foodSafetyCert?: string;
  trademark?: string;
  ocopStars?: string;
  ocopCertNumber?: string;
  awards?: string;
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function ProductForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
  sectionLevel = 2,
}: {
  id: string;
  defaultValue?: ProductDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: MessageKey;
  /** 3 when the form sits under a section heading of its page. */
  sectionLevel?: 2 | 3;
}) {
  const t = useT();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { kind: "single", ...defaultValue },
    constraint: getZodConstraint(ProductSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const showSetItems = !hydrated || fields.kind.value === "set";
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="hint">{t("producers.required")}</p>
      <FormSection level={sectionLevel} title="producers.product.section.general">
        <Field label="producers.field.productName" meta={fields.name} hint="producers.hint.productName" required />
        <SelectField label="producers.field.group" meta={fields.group} required>
          <option value="">{t("producers.field.group.choose")}</option>
          {PRODUCT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t("producers.group.option", { group: g, label: t(`group.${g}`) })}
            </option>
          ))}
        </SelectField>
        <RadioField
          label="producers.field.kind"
          meta={fields.kind}
          options={[
            { value: "single", label: "producers.kind.single" },
            { value: "set", label: "producers.kind.set" },
          ]}
          required
        />
        {showSetItems ? (
          <TextareaField
            label="producers.field.setItems"
            meta={fields.setItems}
            hint="producers.hint.setItems"
            rows={4}
          />
        ) : null}
        <TextareaField
          label="producers.field.description"
          meta={fields.description}
          hint="producers.hint.description"
          rows={5}
          required
        />
      </FormSection>
      <FormSection level={sectionLevel} title="producers.product.section.production">
        <TextareaField
          label="producers.field.rawMaterials"
          meta={fields.rawMaterials}
          hint="producers.hint.rawMaterials"
        />
        <TextareaField label="producers.field.process" meta={fields.process} hint="producers.hint.process" rows={4} />
      </FormSection>
      <FormSection level={sectionLevel} title="producers.product.section.market" intro="forms.product.intro">
        <Field
          label="producers.field.annualCapacity"
          meta={fields.annualCapacity}
          hint="producers.hint.annualCapacity"
        />
        <TextareaField label="producers.field.markets" meta={fields.markets} hint="producers.hint.markets" rows={2} />
        {/* Revenue and export share are read the Vietnamese way on the server ("1.250,5"): text inputs. */}
        <Field
          label="forms.field.exportShare"
          meta={fields.exportShare as unknown as FieldMetadata<string | undefined>}
          hint="forms.hint.exportShare"
          inputMode="decimal"
        />
      </FormSection>
      <FormSection level={sectionLevel} title="forms.product.section.business" intro="forms.product.intro">
        <TextareaField
          label="forms.field.businessLines"
          meta={fields.businessLines}
          hint="forms.hint.businessLines"
          rows={2}
        />
        <Field
          label="forms.field.workforce"
          meta={fields.workforce}
          hint="forms.hint.workforce"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
        />
        <div className="grid-2">
          <Field
            label="forms.field.revenue"
            meta={fields.revenue as unknown as FieldMetadata<string | undefined>}
            hint="forms.hint.revenue"
            inputMode="decimal"
          />
          <Field
            label="forms.field.revenueYear"
            meta={fields.revenueYear}
            hint="forms.hint.revenueYear"
            type="number"
            inputMode="numeric"
            min={2000}
            step={1}
          />
        </div>
      </FormSection>
      <FormSection level={sectionLevel} title="producers.product.section.certs" intro="producers.product.certsIntro">
        <TextareaField
          label="producers.field.qualityCerts"
          meta={fields.qualityCerts}
          hint="producers.hint.qualityCerts"
          rows={2}
        />
        <Field
          label="producers.field.foodSafetyCert"
          meta={fields.foodSafetyCert}
          hint="producers.hint.foodSafetyCert"
        />
        <Field label="producers.field.trademark" meta={fields.trademark} hint="producers.hint.trademark" />
        {/* The select sends "3".."5" or ""; Conform turns it into the schema's number. */}
        <SelectField
          label="producers.field.ocopStars"
          meta={fields.ocopStars as unknown as FieldMetadata<string | undefined>}
        >
          <option value="">{t("producers.field.ocopStars.none")}</option>
          {[3, 4, 5].map((s) => (
            <option key={s} value={String(s)}>
              {t("producers.ocopStars.option", { stars: s })}
            </option>
          ))}
        </SelectField>
        <Field
          label="producers.field.ocopCertNumber"
          meta={fields.ocopCertNumber}
          hint="producers.hint.ocopCertNumber"
        />
        <TextareaField label="producers.field.awards" meta={fields.awards} hint="producers.hint.awards" rows={3} />
      </FormSection>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t(submitLabel)}
      </button>
    </Form>
  );
}
