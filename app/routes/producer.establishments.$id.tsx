import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { requestMeta } from "~/modules/audit/audit.server";
import { listCurrentProvinces } from "~/modules/geo/admin-units.server";
import { producerChecklist } from "~/modules/producers/dossier";
import { EstablishmentForm } from "~/modules/producers/establishment-form";
import { getMyEstablishment, updateEstablishment } from "~/modules/producers/establishments.server";
import { establishmentFileSummary } from "~/modules/producers/files.server";
import { requireProducer } from "~/modules/producers/guard.server";
import { listProducts } from "~/modules/producers/products.server";
import { dateInputValue } from "~/modules/producers/rules";
import { EstablishmentSchema, IdSchema } from "~/modules/producers/schemas";
import { prisma } from "~/utils/db.server";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data?.establishment.name, t("producers.establishments")],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  const id = parseParams(IdSchema, params.id, 404);
  const establishment = await mapDomainErrors(() => getMyEstablishment(auth, id));
  const [products, files, provinces, onboarding] = await Promise.all([
    listProducts(auth, id),
    establishmentFileSummary(auth, id),
    listCurrentProvinces(prisma),
    pendingOnboarding(auth.user.id),
  ]);
  return {
    establishment: {
      id: establishment.id,
      name: establishment.name,
      legalForm: establishment.legalForm,
      registrationNumber: establishment.registrationNumber,
      province: establishment.province.name,
    },
    defaults: {
      legalForm: establishment.legalForm,
      name: establishment.name,
      registrationNumber: establishment.registrationNumber,
      registrationDate: dateInputValue(establishment.registrationDate),
      registrationIssuer: establishment.registrationIssuer ?? "",
      legalRepresentative: establishment.legalRepresentative ?? "",
      provinceId: establishment.provinceId,
      commune: establishment.commune ?? "",
      addressLine: establishment.addressLine ?? "",
      phone: establishment.phone ?? "",
      email: establishment.email ?? "",
      workforce: establishment.workforce === null ? "" : String(establishment.workforce),
    },
    products: products.map((p) => ({
      id: p.id,
      name: p.name,
      group: p.group,
      isSet: p.isSet,
      missing: producerChecklist(p, files).missing.length,
    })),
    provinces: provinces.map((p) => ({ id: p.id, name: p.name })),
    onboarding,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const id = parseParams(IdSchema, params.id, 404);
  const submission = parseWithZod(await request.formData(), { schema: EstablishmentSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateEstablishment(auth, id, submission.value, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/producer/establishments/${id}`, {
    kind: "success",
    messageKey: "producers.establishment.saved",
  });
}

export default function EstablishmentPage() {
  const t = useT();
  const { establishment, defaults, products, provinces, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to="/producer">{t("producers.back")}</BackLink>
        <h1>{establishment.name}</h1>
        {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
        <p className="muted">
          {t(`legalForm.${establishment.legalForm}`)} · {establishment.registrationNumber} · {establishment.province}
        </p>
      </div>

      <section className="card stack" aria-labelledby="products-h">
        <h2 id="products-h">{t("producers.establishment.products")}</h2>
        <p className="hint">{t("producers.establishment.productsIntro")}</p>
        {products.length === 0 ? (
          <p>{t("producers.products.none")}</p>
        ) : (
          <ul className="card-list">
            {products.map((p) => (
              <li key={p.id}>
                <Link to={`/producer/products/${p.id}`}>
                  <strong>{p.name}</strong>
                </Link>{" "}
                <span className="badge">{t("producers.groupBadge", { group: p.group })}</span>{" "}
                {p.isSet ? <span className="badge">{t("producers.product.isSet")}</span> : null}{" "}
                <span className="muted">
                  {p.missing === 0
                    ? t("producers.dossier.complete")
                    : t("producers.dossier.missing", { count: p.missing })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/producer/products/new?establishment=${establishment.id}`} className="button">
            {t("producers.product.new")}
          </Link>
        </p>
      </section>

      <section className="narrow stack" aria-labelledby="edit-h">
        <h2 id="edit-h">{t("producers.establishment.edit")}</h2>
        <EstablishmentForm
          id="establishment"
          provinces={provinces}
          defaultValue={defaults}
          lastResult={actionData?.result}
          submitLabel="producers.establishment.submit"
          sectionLevel={3}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
