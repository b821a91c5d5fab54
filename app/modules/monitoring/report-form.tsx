// The consumer's report form (issue #14, decision 040): plain HTML that posts (multipart, for the
// optional photo) to /verify/<code>/report. No hooks, no client script, so the verification page
// (a resource route drawn with renderToStaticMarkup) and the report page (a Remix route) draw the
// same form: the first folded in a <details>, the second open with the errors and what was typed.
import type { TFunction } from "~/utils/i18n";
import { CONTACT_MAX, PLACE_MAX, REPORT_CATEGORIES, REPORT_PHOTO_MAX_MB, REPORT_TEXT_MAX } from "./schemas";

export interface ReportFormValues {
  category?: string;
  text?: string;
  place?: string;
  contact?: string;
}

export interface ReportFormProps {
  t: TFunction;
  code: string;
  values?: ReportFormValues;
  /** Already translated, per field; `form` for the whole form. */
  errors?: Partial<Record<keyof ReportFormValues | "photo" | "form", string[]>>;
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="error-list" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function ReportForm({ t, code, values = {}, errors = {} }: ReportFormProps) {
  const described = (field: keyof ReportFormValues | "photo", hint?: boolean) =>
    [hint ? `report-${field}-hint` : "", errors[field]?.length ? `report-${field}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <form
      method="post"
      action={`/verify/${code}/report`}
      encType="multipart/form-data"
      className="stack"
      aria-labelledby="report-title"
    >
      <Errors id="report-form-error" errors={errors.form} />
      <div className="field">
        <label htmlFor="report-category">{t("monitoring.report.category")}</label>
        <select
          id="report-category"
          name="category"
          defaultValue={values.category ?? ""}
          required
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={described("category")}
        >
          <option value="" />
          {REPORT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`monitoring.category.${c}`)}
            </option>
          ))}
        </select>
        <Errors id="report-category-error" errors={errors.category} />
      </div>
      <div className="field">
        <label htmlFor="report-text">{t("monitoring.report.text")}</label>
        <textarea
          id="report-text"
          name="text"
          rows={4}
          maxLength={REPORT_TEXT_MAX}
          required
          defaultValue={values.text ?? ""}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={described("text")}
        />
        <Errors id="report-text-error" errors={errors.text} />
      </div>
      <div className="field">
        <label htmlFor="report-place">{t("monitoring.report.place")}</label>
        <input
          id="report-place"
          name="place"
          type="text"
          maxLength={PLACE_MAX}
          required
          defaultValue={values.place ?? ""}
          aria-invalid={errors.place ? true : undefined}
          aria-describedby={described("place")}
        />
        <Errors id="report-place-error" errors={errors.place} />
      </div>
      <div className="field">
        <label htmlFor="report-photo">{t("monitoring.report.photo")}</label>
        <p id="report-photo-hint" className="hint">
          {t("monitoring.report.photoHint", { max: REPORT_PHOTO_MAX_MB })}
        </p>
        <input
          id="report-photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errors.photo ? true : undefined}
          aria-describedby={described("photo", true)}
        />
        <Errors id="report-photo-error" errors={errors.photo} />
      </div>
      <div className="field">
        <label htmlFor="report-contact">{t("monitoring.report.contact")}</label>
        <p id="report-contact-hint" className="hint">
          {t("monitoring.report.contactHint")}
        </p>
        <input
          id="report-contact"
          name="contact"
          type="text"
          autoComplete="email"
          maxLength={CONTACT_MAX}
          defaultValue={values.contact ?? ""}
          aria-invalid={errors.contact ? true : undefined}
          aria-describedby={described("contact", true)}
        />
        <Errors id="report-contact-error" errors={errors.contact} />
      </div>
      <div>
        <button type="submit" className="button">
          {t("monitoring.report.submit")}
        </button>
      </div>
    </form>
  );
}

/** The verification page's part: folded, so the verdict stays what a shopper sees first. */
export function ReportProblem({ t, code }: { t: TFunction; code: string }) {
  return (
    <details className="report-problem">
      <summary>{t("monitoring.report.link")}</summary>
      <div className="stack">
        <h2 id="report-title">{t("monitoring.report.title")}</h2>
        <p className="muted">{t("monitoring.report.intro")}</p>
        <ReportForm t={t} code={code} />
      </div>
    </details>
  );
}
