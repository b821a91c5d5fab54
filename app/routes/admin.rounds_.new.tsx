// URL /admin/rounds/new. The "_" keeps this page out of the list route (admin.rounds.tsx has no
// <Outlet />) while it stays inside the admin layout. The jurisdiction select offers only what
// the person may manage; the service checks it again.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  DEFAULT_PASS_LINE,
  DEFAULT_ROUND_DOCUMENTS,
  parseJurisdiction,
  PRODUCT_GROUPS,
  vnYear,
} from "~/modules/rounds/round-fields";
import { InputField, RoundSettingsFields } from "~/modules/rounds/round-form";
import { hasProvinceQuotas, ROUND_LEVELS } from "~/modules/rounds/round-levels";
import { createRound, roundFormOptions } from "~/modules/rounds/rounds.server";
import { CreateRoundSchema, roundSettingsFromForm } from "~/modules/rounds/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { throwForbidden } from "~/utils/http.server";
import { getT, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = titleMeta("rounds.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const options = await roundFormOptions(auth);
  return { options, year: vnYear() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: CreateRoundSchema });
  if (submission.status !== "success") return invalid(submission);
  const { jurisdiction, year, ...settings } = submission.value;
  const scope = parseJurisdiction(jurisdiction)!;
  let round: { id: string };
  try {
    round = await createRound(
      auth,
      { ...scope, year, ...roundSettingsFromForm({ ...settings }) },
      requestMeta(request, context),
    );
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/admin/rounds/${round.id}`, { kind: "success", messageKey: "rounds.new.created" });
}

export default function NewRound() {
  const t = useT();
  const locale = useLocale();
  const { options, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const only = options.jurisdictions.length === 1 ? options.jurisdictions[0]?.value : undefined;
  const [form, fields] = useForm({
    id: "round-new",
    lastResult: actionData?.result,
    defaultValue: {
      jurisdiction: only,
      year: String(year),
      groups: [...PRODUCT_GROUPS],
      passLine: String(DEFAULT_PASS_LINE),
      requiredDocuments: [...DEFAULT_ROUND_DOCUMENTS],
    },
    constraint: getZodConstraint(CreateRoundSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateRoundSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const jurisdiction = getSelectProps(fields.jurisdiction);
  const levels = ROUND_LEVELS.filter((l) => options.jurisdictions.some((j) => j.level === l));

  return (
    <div className="stack-lg">
      <BackLink to="/admin/rounds">{t("rounds.detail.back")}</BackLink>
      <div className="stack">
        <h1>{t("rounds.new.title")}</h1>
        <p className="muted">{t("rounds.new.intro")}</p>
      </div>
      {options.jurisdictions.length === 0 ? (
        <p className="notice notice-info">{t("rounds.new.noScope")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack card">
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.jurisdiction.id}>
              {t("rounds.field.jurisdiction")}
              <RequiredMark />
            </label>
            <select {...jurisdiction} key={jurisdiction.key} required>
              {only ? null : <option value="">{t("rounds.field.jurisdiction.choose")}</option>}
              {levels.map((level) => (
                <optgroup key={level} label={t(`level.${level}`)}>
                  {options.jurisdictions
                    .filter((j) => j.level === level)
                    .map((j) => (
                      <option key={j.value} value={j.value}>
                        {j.name === null ? t("scope.nation") : locale === "en" ? (j.nameEn ?? j.name) : j.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <ErrorList id={fields.jurisdiction.errorId} errors={fields.jurisdiction.errors} />
          </div>
          <InputField
            meta={fields.year}
            label="rounds.field.year"
            type="number"
            required
            extra={{ min: 2000, max: 2100, step: 1, inputMode: "numeric" }}
          />
          <RoundSettingsFields fields={fields} />
          {options.jurisdictions.some((j) => hasProvinceQuotas(j.level)) ? (
            <p className="hint">{t("rounds.new.quotasLater")}</p>
          ) : null}
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("rounds.new.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
