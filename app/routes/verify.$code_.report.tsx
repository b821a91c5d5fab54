// URL /verify/:code/report: a consumer reports a problem with a product carrying the programme's
// logo (issue #14, decision 040). The form itself is also folded into /verify/:code
// (report-form.tsx); this route receives it (multipart: an optional photo) and shows it again with
// the errors and what was typed, or the thanks. No login; counted per address by the shared rate
// limiter (429 past it). Reports are never shown publicly: they go to the issuing organiser.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requestMeta } from "~/modules/audit/audit.server";
import { parseUploadForm } from "~/modules/files/upload.server";
import { ReportForm, type ReportFormProps, type ReportFormValues } from "~/modules/monitoring/report-form";
import { reportTarget, submitReport } from "~/modules/monitoring/reports.server";
import { ReportSchema } from "~/modules/monitoring/schemas";
import { formFailure, mapDomainErrors, retryAfterHeaders } from "~/utils/http.server";
import { getT, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(({ t }) => ({ title: [t("monitoring.report.title")] }));

const Params = z.object({ code: z.string().trim().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { code } = Params.catch({ code: "" }).parse(params);
  const cert = await mapDomainErrors(() => reportTarget(code));
  return { cert, sent: new URL(request.url).searchParams.get("sent") === "1" };
}

interface ReportReply {
  values: ReportFormValues;
  errors: NonNullable<ReportFormProps["errors"]>;
}

const FIELDS = ["category", "text", "place", "contact"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { code } = Params.catch({ code: "" }).parse(params);
  const t = getT(await getLocale(request));
  const tr = (key: string) => t(key as MessageKey);
  const cert = await mapDomainErrors(() => reportTarget(code));
  let values: ReportFormValues = {};
  // The parser stops at a refused photo before it returns the text fields: a copy of the body
  // gives them back so the form keeps what was typed.
  const copy = request.clone();
  try {
    const { formData, files } = await parseUploadForm(request, { maxFiles: 1 });
    values = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? "")]));
    const submission = parseWithZod(formData, { schema: ReportSchema });
    if (submission.status !== "success") {
      const errors = Object.fromEntries(
        Object.entries(submission.error ?? {}).map(([k, v]) => [k || "form", (v ?? []).map(tr)]),
      );
      return data<ReportReply>({ values, errors }, { status: 400 });
    }
    const photo = files.find((f) => f.field === "photo") ?? null;
    await submitReport(cert.code, submission.value, photo, requestMeta(request, context));
  } catch (error) {
    const failure = formFailure(error);
    if (!Object.keys(values).length) values = await typedFields(copy);
    const message = t(failure.messageKey, failure.params);
    const field = failure.messageKey.startsWith("files.") ? "photo" : (failure.field ?? "form");
    return data<ReportReply>(
      { values, errors: { [field]: [message] } },
      { status: failure.status, headers: retryAfterHeaders(failure) },
    );
  }
  return redirect(`/verify/${cert.code}/report?sent=1`, 303);
}

/** The text fields of a multipart body, files drained and dropped; {} when unreadable. */
async function typedFields(request: Request): Promise<ReportFormValues> {
  try {
    const formData = await unstable_parseMultipartFormData(request, async ({ filename, data }) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        if (filename !== undefined) continue;
        size += chunk.byteLength;
        if (size > 16 * 1024) return undefined;
        chunks.push(chunk);
      }
      return filename === undefined ? new TextDecoder().decode(Buffer.concat(chunks)) : undefined;
    });
    return Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? "")]));
  } catch {
    return {};
  }
}

export default function ReportPage() {
  const t = useT();
  const { cert, sent } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      {sent && !reply ? (
        <section className="stack" aria-labelledby="report-title">
          <h1 id="report-title">{t("monitoring.report.thanksTitle")}</h1>
          <p className="notice notice-success" role="status">
            {t("monitoring.report.thanks")}
          </p>
        </section>
      ) : (
        <section className="stack">
          <h1 id="report-title">{t("monitoring.report.title")}</h1>
          <p>{t("monitoring.report.product", { product: cert.productName, serial: cert.serial })}</p>
          <p className="muted">{t("monitoring.report.intro")}</p>
          <ReportForm t={t} code={cert.code} values={reply?.values} errors={reply?.errors} />
        </section>
      )}
      <p>
        <a href={`/verify/${cert.code}`}>{t("monitoring.report.backToVerify")}</a>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
