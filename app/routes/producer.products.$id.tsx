import { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { ConfirmButton } from "~/components/confirm-button";
import { productHistory } from "~/modules/nominations/nominations.server";
import { requestMeta } from "~/modules/audit/audit.server";
import { uploadLimits } from "~/modules/files/upload.server";
import { checklistLabel, dossierChecklist, type ChecklistItem } from "~/modules/producers/dossier";
import { FormItemNote } from "~/modules/producers/form-item-note";
import { DOSSIER_FORMS, generatedFormsOf } from "~/modules/producers/forms";
import { listProductFiles, removeProductFile, setPhotoPublic } from "~/modules/producers/files.server";
import { requireProducer } from "~/modules/producers/guard.server";
import { ProductForm } from "~/modules/producers/product-form";
import { getProduct, updateProduct } from "~/modules/producers/products.server";
import { IdSchema, ProductSchema, RemoveFileSchema } from "~/modules/producers/schemas";
import { UploadForm } from "~/modules/producers/upload-form";
import { formatDate } from "~/utils/dates";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ data }) => ({
  title: [data?.product.name, data?.product.establishment.name],
}));

/** A stored number as the producer would type it back (decimal comma). */
const numberInput = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  const id = parseParams(IdSchema, params.id, 404);
  const product = await mapDomainErrors(() => getProduct(auth, id));
  const [files, history, onboarding] = await Promise.all([
    listProductFiles(auth, product),
    productHistory(product.id),
    pendingOnboarding(auth.user.id),
  ]);
  // Forms 01 and 02 belong to every dossier (domain.md) and new rounds require them by default.
  const checklist = dossierChecklist({
    group: product.group,
    photos: files.photos,
    documents: files.documents,
    requiredKinds: DOSSIER_FORMS,
    generatedForms: generatedFormsOf(product),
  });
  return {
    product: {
      id: product.id,
      name: product.name,
      group: product.group,
      isSet: product.isSet,
      establishment: product.establishment,
    },
    defaults: {
      name: product.name,
      group: product.group,
      kind: product.isSet ? ("set" as const) : ("single" as const),
      setItems: product.setItems ?? "",
      description: product.description,
      rawMaterials: product.rawMaterials ?? "",
      process: product.process ?? "",
      annualCapacity: product.annualCapacity ?? "",
      markets: product.markets ?? "",
      businessLines: product.businessLines ?? "",
      workforce: numberInput(product.workforce),
      revenue: numberInput(product.revenue),
      revenueYear: numberInput(product.revenueYear),
      exportShare: numberInput(product.exportShare),
      qualityCerts: product.qualityCerts ?? "",
      foodSafetyCert: product.foodSafetyCert ?? "",
      trademark: product.trademark ?? "",
      ocopStars: product.ocopStars === null ? "" : String(product.ocopStars),
      ocopCertNumber: product.ocopCertNumber ?? "",
      awards: product.awards ?? "",
    },
    files,
    checklist,
    maxMb: uploadLimits().maxMb,
    history,
    onboarding,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const id = parseParams(IdSchema, params.id, 404);
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const here = `/producer/products/${id}`;

  if (formData.get("intent") === "photo-public") {
    const { fileId, isPublic } = parseParams(PhotoPublicSchema, Object.fromEntries(formData));
    await mapDomainErrors(async () => setPhotoPublic(auth, await getProduct(auth, id), fileId, isPublic === "1", meta));
    return redirectWithToast(here, {
      kind: "success",
      messageKey: isPublic === "1" ? "producers.files.madePublic" : "producers.files.madePrivate",
    });
  }

  if (formData.get("intent") === "remove-file") {
    const { fileId } = parseParams(RemoveFileSchema, Object.fromEntries(formData));
    await mapDomainErrors(async () => removeProductFile(auth, await getProduct(auth, id), fileId, meta));
    return redirectWithToast(here, { kind: "success", messageKey: "producers.files.removed" });
  }

  const submission = parseWithZod(formData, { schema: ProductSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateProduct(auth, id, submission.value, meta);
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(here, { kind: "success", messageKey: "producers.product.saved" });
}

function ChecklistLine({ item }: { item: ChecklistItem }) {
  const t = useT();
  const label = checklistLabel(item);
  return (
    <li>
      <span className={item.ok ? "ok" : "missing"}>
        <span aria-hidden="true">{item.ok ? "✓ " : "✗ "}</span>
        <span className="sr-only">{t(item.ok ? "producers.checklist.ok" : "producers.checklist.todo")}: </span>
        {t(label.key, label.params)}
      </span>
      {item.key === "photos" ? (
        <>
          <br />
          <span className="hint">
            {t("producers.checklist.photosStatus", { count: item.count, angles: item.angles.length })}{" "}
            {!item.ok && item.missingAngles.length > 0
              ? t("producers.checklist.missingAngles", {
                  angles: item.missingAngles.map((a) => t(`producers.angle.${a}`).toLowerCase()).join(", "),
                })
              : null}
          </span>
        </>
      ) : null}
      <FormItemNote item={item} />
    </li>
  );
}

function RemoveFileButton({ fileId, name }: { fileId: string; name: string }) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="remove-file" />
      <input type="hidden" name="fileId" value={fileId} />
      <ConfirmButton
        confirmText={t("producers.files.removeConfirm", { name })}
        className="button button-small button-danger"
      >
        {t("producers.files.remove")}
      </ConfirmButton>
    </Form>
  );
}

const PhotoPublicSchema = z.object({ fileId: z.string().regex(/^[a-z0-9]{20,40}$/), isPublic: z.enum(["0", "1"]) });

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export default function ProductPage() {
  const t = useT();
  const { product, defaults, files, checklist, maxMb, history, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/producer/establishments/${product.establishment.id}`}>{product.establishment.name}</BackLink>
        <h1>{product.name}</h1>
        {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
        <p>
          <span className="badge">{t("producers.groupBadge", { group: product.group })}</span>{" "}
          {t(`group.${product.group}` as MessageKey)}
          {product.isSet ? (
            <>
              {" "}
              <span className="badge">{t("producers.product.isSet")}</span>
            </>
          ) : null}
        </p>
      </div>

      {history.length ? <ProductHistory history={history} /> : null}

      <section className="card stack" aria-labelledby="checklist-h">
        <h2 id="checklist-h">{t("producers.checklist.title")}</h2>
        <p className="hint">{t("producers.checklist.intro")}</p>
        <ul className="checklist">
          {checklist.items.map((item) => (
            <ChecklistLine key={item.key} item={item} />
          ))}
        </ul>
        {checklist.complete ? (
          <p className="notice notice-success">
            {t("producers.checklist.complete")} <Link to="/rounds">{t("producers.rounds.link")}</Link>
          </p>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="files-h">
        <h2 id="files-h">{t("producers.files.title")}</h2>
        <h3>{t("producers.files.photos")}</h3>
        {files.photos.length === 0 ? (
          <p className="muted">{t("producers.files.noPhotos")}</p>
        ) : (
          <ul className="photo-grid">
            {files.photos.map((f) => (
              <li key={f.id} className="stack">
                <a href={`/files/${f.id}`}>
                  <img
                    src={f.hasThumbnail ? `/files/${f.id}/thumb` : `/files/${f.id}`}
                    alt={`${f.angle ? t(`producers.angle.${f.angle}` as MessageKey) : t("producers.files.noAngle")}: ${f.originalName}`}
                    loading="lazy"
                    width={320}
                    height={240}
                  />
                </a>
                <div>
                  <strong>
                    {f.angle ? t(`producers.angle.${f.angle}` as MessageKey) : t("producers.files.noAngle")}
                  </strong>
                </div>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="photo-public" />
                  <input type="hidden" name="fileId" value={f.id} />
                  <input type="hidden" name="isPublic" value={f.isPublic ? "0" : "1"} />
                  <span className="hint">
                    {t(f.isPublic ? "producers.files.isPublic" : "producers.files.isPrivate")}
                  </span>{" "}
                  <button type="submit" className="link-button">
                    {t(f.isPublic ? "producers.files.makePrivate" : "producers.files.makePublic")}
                  </button>
                </Form>
                <div>
                  <RemoveFileButton fileId={f.id} name={f.originalName} />
                </div>
              </li>
            ))}
          </ul>
        )}

        <h3>{t("producers.files.documents")}</h3>
        {files.documents.length === 0 ? (
          <p className="muted">{t("producers.files.noDocuments")}</p>
        ) : (
          <ul className="card-list">
            {files.documents.map((f) => (
              <li key={f.id}>
                <strong>{t(`producers.kind.${f.kind}` as MessageKey)}</strong>
                {f.productId === null ? (
                  <span className="muted"> ({t("producers.files.sharedWithEstablishment")})</span>
                ) : null}
                <br />
                <a href={`/files/${f.id}`}>{f.originalName}</a>{" "}
                <span className="muted">
                  {kb(f.size)} · {formatDate(f.createdAt)}
                </span>{" "}
                <RemoveFileButton fileId={f.id} name={f.originalName} />
              </li>
            ))}
          </ul>
        )}

        <UploadForm productId={product.id} maxMb={maxMb} />
      </section>

      <section className="narrow stack" aria-labelledby="edit-h">
        <h2 id="edit-h">{t("producers.product.edit")}</h2>
        <ProductForm
          id="product"
          defaultValue={defaults}
          lastResult={actionData?.result}
          submitLabel="producers.product.submit"
          sectionLevel={3}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** The product's rounds across tiers and years, with results and certificates (own product only). */
function ProductHistory({ history }: { history: ReturnType<typeof useLoaderData<typeof loader>>["history"] }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="history-h">
      <h2 id="history-h">{t("producers.history.title")}</h2>
      <TableWrap label={t("producers.history.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("producers.history.year")}</th>
              <th scope="col">{t("producers.history.round")}</th>
              <th scope="col">{t("producers.history.status")}</th>
              <th scope="col">{t("producers.history.result")}</th>
              <th scope="col">{t("producers.history.certificate")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.entryId}>
                <td>{h.round.year}</td>
                <td>
                  {t(`level.${h.round.level}` as MessageKey)} — {h.round.name}
                  {h.nominatedFrom ? (
                    <div className="muted">
                      {t("producers.history.nominatedFrom", { serial: h.nominatedFrom.serial })}
                    </div>
                  ) : null}
                </td>
                <td>
                  <Link to={`/producer/entries/${h.entryId}`}>{t(`entries.status.${h.status}` as MessageKey)}</Link>
                  {h.entryCode ? <div className="muted">{h.entryCode}</div> : null}
                </td>
                <td>
                  {h.result
                    ? h.result.recognised
                      ? t("producers.history.recognised")
                      : h.result.passed
                        ? t("producers.history.passed")
                        : t("producers.history.notPassed")
                    : "—"}
                </td>
                <td>
                  {h.certificate ? (
                    <>
                      <a href={`/verify/${h.certificate.code}`}>{h.certificate.serial}</a>
                      <div className="muted">{t(`register.status.${h.certificate.status}` as MessageKey)}</div>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
