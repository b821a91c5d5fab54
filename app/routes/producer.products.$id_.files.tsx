// POST /producer/products/<id>/files: one upload from the product page (a resource route, no
// page of its own). Without JavaScript the browser posts the multipart form and is sent back to
// the product page with a message; the page's script sends the same form with XMLHttpRequest
// (for the progress bar) and asks for JSON instead.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requestMeta } from "~/modules/audit/audit.server";
import { parseUploadForm } from "~/modules/files/upload.server";
import { uploadProductFile } from "~/modules/producers/files.server";
import { requireProducer } from "~/modules/producers/guard.server";
import { IdSchema, UploadChoiceSchema } from "~/modules/producers/schemas";
import { isDomainError } from "~/utils/errors";
import { httpError, parseParams, retryAfterHeaders } from "~/utils/http.server";
import { getT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { consumeRateLimit } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A product page's two file inputs: the camera and "choose a file". */
const FILE_FIELDS = ["photo", "file"];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseParams(IdSchema, params.id, 404);
  return redirect(`/producer/products/${id}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const id = parseParams(IdSchema, params.id, 404);
  const productPage = `/producer/products/${id}`;
  const wantsJson = /\bapplication\/json\b/.test(request.headers.get("Accept") ?? "");
  const t = getT(await getLocale(request));
  const reply = (ok: boolean, messageKey: MessageKey, messageParams?: TranslateParams, status = 200) =>
    wantsJson
      ? Response.json({ ok, message: t(messageKey, messageParams) }, { status })
      : redirectWithToast(productPage, { kind: ok ? "success" : "error", messageKey, params: messageParams });

  try {
    await consumeRateLimit("upload", auth.user.id);
    const upload = await parseUploadForm(request, { maxFiles: FILE_FIELDS.length });
    const choice = UploadChoiceSchema.safeParse(upload.formData.get("kind"));
    if (!choice.success) return reply(false, "producers.files.upload.kindRequired", undefined, 400);
    const files = upload.files.filter((f) => FILE_FIELDS.includes(f.field));
    if (files.length === 0) return reply(false, "producers.files.upload.noFile", undefined, 400);
    const names: string[] = [];
    for (const file of files) {
      const stored = await uploadProductFile(
        auth,
        id,
        { bytes: file.bytes, fileName: file.fileName },
        choice.data,
        requestMeta(request, context),
      );
      names.push(stored.originalName);
    }
    return reply(true, "producers.files.upload.done", { name: names.join("”, “") });
  } catch (error) {
    // Answers for the uploader's fetch (JSON) or a plain form post (toast), not the error page.
    if (!isDomainError(error)) throw error;
    if (error.code === "rate_limited") {
      if (wantsJson)
        return Response.json(
          { ok: false, message: t(error.messageKey, error.params) },
          { status: 429, headers: retryAfterHeaders(error) },
        );
      httpError(429, error.messageKey, error.params, retryAfterHeaders(error));
    }
    if (error.code === "not_found" || error.code === "missing") {
      if (wantsJson) return Response.json({ ok: false, message: t("error.404") }, { status: 404 });
      throw new Response(t("error.404"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    return reply(false, error.messageKey, error.params, error.status);
  }
}
