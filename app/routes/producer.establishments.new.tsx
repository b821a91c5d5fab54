import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { requestMeta } from "~/modules/audit/audit.server";
import { listCurrentProvinces } from "~/modules/geo/admin-units.server";
import { EstablishmentForm } from "~/modules/producers/establishment-form";
import { createEstablishment } from "~/modules/producers/establishments.server";
import { requireProducer } from "~/modules/producers/guard.server";
import { EstablishmentSchema } from "~/modules/producers/schemas";
import { prisma } from "~/utils/db.server";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = titleMeta("producers.establishment.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  const [provinces, onboarding] = await Promise.all([listCurrentProvinces(prisma), pendingOnboarding(auth.user.id)]);
  return { provinces: provinces.map((p) => ({ id: p.id, name: p.name })), onboarding };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const submission = parseWithZod(await request.formData(), { schema: EstablishmentSchema });
  if (submission.status !== "success") return invalid(submission);
  let created: { id: string; name: string };
  try {
    created = await createEstablishment(auth, submission.value, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/producer/establishments/${created.id}`, {
    kind: "success",
    messageKey: "producers.establishment.created",
    params: { name: created.name },
  });
}

export default function NewEstablishment() {
  const t = useT();
  const { provinces, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow stack">
      <BackLink to="/producer">{t("producers.back")}</BackLink>
      <h1>{t("producers.establishment.newTitle")}</h1>
      {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
      <p>{t("producers.establishment.newIntro")}</p>
      <EstablishmentForm
        id="establishment"
        provinces={provinces}
        lastResult={actionData?.result}
        submitLabel="producers.establishment.submit"
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
