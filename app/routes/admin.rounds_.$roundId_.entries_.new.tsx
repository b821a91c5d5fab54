import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorList, Field, FormErrors, RequiredMark, SelectField } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { listRoundEntries, registerOnBehalf } from "~/modules/entries/entries.server";
import { groupList } from "~/modules/rounds/groups";
import { IdParam, OnBehalfSchema } from "~/modules/entries/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

const Params = z.object({ roundId: IdParam });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("entries.onBehalf.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(Params, params, 404);
  const { round } = await mapDomainErrors(() => listRoundEntries(auth, roundId, { page: 1 }));
  return { round };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(Params, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: OnBehalfSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    const entry = await registerOnBehalf(auth, roundId, submission.value, requestMeta(request, context));
    return redirectWithToast(`/admin/rounds/${roundId}/entries/${entry.id}`, {
      kind: "success",
      messageKey: "entries.onBehalf.done",
      params: { receipt: entry.receiptNumber ?? "" },
    });
  } catch (error) {
    return replyWithDomainError(error, submission);
  }
}

export default function RegisterPaperDossier() {
  const t = useT();
  const { round } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "on-behalf",
    lastResult: actionData?.result,
    constraint: getZodConstraint(OnBehalfSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OnBehalfSchema }),
    shouldValidate: "onBlur",
  });
  const description = getTextareaProps(fields.description);
  return (
    <div className="stack narrow-wide">
      <BackLink to={`/admin/rounds/${round.id}/entries`}>{t("screening.title")}</BackLink>
      <h1>{t("entries.onBehalf.title")}</h1>
      <p className="muted">{round.name}</p>
      <p>{t("entries.onBehalf.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="entries.onBehalf.producerEmail" meta={fields.producerEmail} type="email" required />
        <Field label="entries.onBehalf.producerName" meta={fields.producerName} required />
        <SelectField label="entries.onBehalf.legalForm" meta={fields.legalForm} required>
          <option value="">—</option>
          {(["SME", "COOPERATIVE", "COOP_GROUP", "HOUSEHOLD"] as const).map((f) => (
            <option key={f} value={f}>
              {t(`legalForm.${f}`)}
            </option>
          ))}
        </SelectField>
        <Field label="entries.onBehalf.establishmentName" meta={fields.establishmentName} required />
        <Field label="entries.onBehalf.registrationNumber" meta={fields.registrationNumber} required />
        <Field label="entries.onBehalf.commune" meta={fields.commune} />
        <Field label="entries.onBehalf.addressLine" meta={fields.addressLine} />
        <Field label="entries.onBehalf.phone" meta={fields.phone} type="tel" />
        <Field label="entries.onBehalf.legalRepresentative" meta={fields.legalRepresentative} />
        <Field label="entries.onBehalf.productName" meta={fields.productName} required />
        <SelectField label="entries.onBehalf.group" meta={fields.group} required>
          <option value="">—</option>
          {groupList(round.groups).map((g) => (
            <option key={g} value={g}>
              {g} — {t(`group.${g}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor={fields.description.id}>
            {t("entries.onBehalf.description")}
            <RequiredMark />
          </label>
          <textarea {...description} key={description.key} rows={5} />
          <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("entries.onBehalf.submit")}
        </button>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
