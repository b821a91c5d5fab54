import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireProducer } from "~/modules/producers/guard.server";
import { ProductForm } from "~/modules/producers/product-form";
import { createProduct, getEstablishmentForNewProduct } from "~/modules/producers/products.server";
import { IdSchema, ProductSchema } from "~/modules/producers/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

/** /producer/products/new?establishment=<id>: the establishment must be the producer's own. */
async function establishmentOf(request: Request, auth: Awaited<ReturnType<typeof requireProducer>>) {
  const raw = new URL(request.url).searchParams.get("establishment");
  if (!raw) httpError(400, "producers.error.noEstablishment");
  const id = IdSchema.safeParse(raw);
  if (!id.success) httpError(404, "error.404");
  return mapDomainErrors(() => getEstablishmentForNewProduct(auth, id.data));
}

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("producers.product.newTitle"), data?.establishment.name],
}));

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  const [establishment, onboarding] = await Promise.all([
    establishmentOf(request, auth),
    pendingOnboarding(auth.user.id),
  ]);
  return { establishment, onboarding };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const establishment = await establishmentOf(request, auth);
  const submission = parseWithZod(await request.formData(), { schema: ProductSchema });
  if (submission.status !== "success") return invalid(submission);
  let created: { id: string; name: string };
  try {
    created = await createProduct(auth, establishment.id, submission.value, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/producer/products/${created.id}`, {
    kind: "success",
    messageKey: "producers.product.created",
    params: { name: created.name },
  });
}

export default function NewProduct() {
  const t = useT();
  const { establishment, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow stack">
      <BackLink to={`/producer/establishments/${establishment.id}`}>{establishment.name}</BackLink>
      <h1>{t("producers.product.newTitle")}</h1>
      {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
      <p>{t("producers.product.newIntro", { name: establishment.name })}</p>
      <ProductForm id="product" lastResult={actionData?.result} submitLabel="producers.product.submit" />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
