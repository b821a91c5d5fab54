// The round's judging settings: blind judging, the spread limit, one or two scoring passes, the
// tie-break order and the council's name.
import { getCollectionProps, getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import {
  CRITERION_KEYS,
  DEFAULT_SPREAD_LIMIT,
  JudgingSettingsSchema,
  SPREAD_LIMIT_MAX,
  SPREAD_LIMIT_MIN,
  TIE_BREAK_SLOTS,
} from "~/modules/judging/jury-schemas";
import { useT, type MessageKey } from "~/utils/i18n";
import { Checkbox, useReply, type LoaderData } from "./shared";

export function SettingsForm({ round, editable }: { round: LoaderData["round"]; editable: boolean }) {
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
        <Checkbox
          meta={fields.blindJudging}
          label={t("jury.settings.blindJudging")}
          hint={t("jury.settings.blindJudging.hint")}
        />
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
                <input {...p} key={p.key} />{" "}
                {t(p.value === "2" ? "jury.settings.scoringPasses.2" : "jury.settings.scoringPasses.1")}
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
        <Field
          meta={fields.councilName}
          label="jury.settings.councilName"
          hint="jury.settings.councilName.hint"
          placeholder={round.defaultCouncilName}
        />
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
