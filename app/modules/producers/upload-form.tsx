// Upload of a photo or document to a product. Without JavaScript it is a plain multipart form
// that posts to /producer/products/<id>/files and comes back to the product page with a message.
// With JavaScript the same form is sent with XMLHttpRequest, whose upload events drive a
// <progress> bar (on a slow rural network a 5 MB phone photo takes a while), then the page's
// data is reloaded without a full navigation.
import { useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useT } from "~/utils/i18n";
import { PHOTO_ANGLES } from "./dossier";
import { UPLOAD_DOCUMENT_KINDS } from "./schemas";
import { RequiredMark } from "~/components/forms";

type UploadState =
  | { status: "idle" }
  | { status: "uploading"; percent: number | null }
  | { status: "done"; message: string }
  | { status: "error"; message: string };

export const uploadAction = (productId: string) => `/producer/products/${productId}/files`;

const chosenFiles = (body: FormData) =>
  ["photo", "file"]
    .map((name) => body.get(name))
    .filter((v): v is File => typeof v === "object" && v !== null && v.size > 0);

export function UploadForm({ productId, maxMb }: { productId: string; maxMb: number }) {
  const t = useT();
  const revalidator = useRevalidator();
  const [state, setState] = useState<UploadState>({ status: "idle" });
  const busy = state.status === "uploading";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const body = new FormData(form);
    if (!body.get("kind")) return setState({ status: "error", message: t("producers.files.upload.kindRequired") });
    const files = chosenFiles(body);
    if (files.length === 0) return setState({ status: "error", message: t("producers.files.upload.noFile") });
    // Said before sending: on a slow network nobody should wait minutes to hear a file is too big.
    const tooBig = files.find((f) => f.size > maxMb * 1024 * 1024);
    if (tooBig)
      return setState({ status: "error", message: t("files.error.tooLarge", { name: tooBig.name, max: maxMb }) });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) =>
      setState({ status: "uploading", percent: e.lengthComputable ? Math.round((e.loaded * 100) / e.total) : null });
    xhr.onload = () => {
      let reply: { ok?: boolean; message?: string } | null = null;
      try {
        reply = JSON.parse(xhr.responseText) as { ok?: boolean; message?: string };
      } catch {
        reply = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && reply?.ok) {
        form.reset();
        setState({ status: "done", message: reply.message ?? "" });
        revalidator.revalidate();
      } else {
        setState({ status: "error", message: reply?.message ?? t("producers.files.upload.failed") });
        // With two files chosen, the first may be stored although the second was refused.
        revalidator.revalidate();
      }
    };
    xhr.onerror = () => setState({ status: "error", message: t("producers.files.upload.failed") });
    xhr.ontimeout = xhr.onerror;
    setState({ status: "uploading", percent: 0 });
    xhr.send(body);
  }

  return (
    <form
      method="post"
      encType="multipart/form-data"
      action={uploadAction(productId)}
      onSubmit={onSubmit}
      className="card stack"
      aria-labelledby="upload-h"
    >
      <h3 id="upload-h">{t("producers.files.upload.title")}</h3>
      <p className="hint">{t("producers.files.upload.hint", { max: maxMb })}</p>
      <div className="field">
        <label htmlFor="upload-kind">
          {t("producers.files.upload.kind")}
          <RequiredMark />
        </label>
        <select id="upload-kind" name="kind" required defaultValue="">
          <option value="">{t("producers.files.upload.kind.choose")}</option>
          <optgroup label={t("producers.files.upload.photoGroup")}>
            {PHOTO_ANGLES.map((a) => (
              <option key={a} value={`PHOTO:${a}`}>
                {t("producers.files.upload.photoOption", { angle: t(`producers.angle.${a}`).toLowerCase() })}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("producers.files.upload.documentGroup")}>
            {UPLOAD_DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`producers.kind.${k}`)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor="upload-photo">{t("producers.files.upload.camera")}</label>
        <input id="upload-photo" type="file" name="photo" accept="image/*" capture="environment" />
      </div>
      <div className="field">
        <label htmlFor="upload-file">{t("producers.files.upload.file")}</label>
        <input id="upload-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,application/pdf,.pdf" />
      </div>
      <div role="status" aria-live="polite">
        {state.status === "uploading" ? (
          <p>
            <progress max={100} value={state.percent ?? undefined} aria-label={t("producers.files.upload.title")} />{" "}
            {state.percent === null ? null : t("producers.files.upload.progress", { percent: state.percent })}
          </p>
        ) : state.status === "done" ? (
          <p className="notice notice-success">{state.message}</p>
        ) : state.status === "error" ? (
          <p className="notice notice-error">{state.message}</p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("producers.files.upload.submit")}
      </button>
    </form>
  );
}
