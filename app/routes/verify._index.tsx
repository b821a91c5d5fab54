// URL /verify: where a shopper types the code printed under a certificate's QR code. A GET form
// (works without JavaScript); a well-formed code goes on to /verify/<code>, which says whether the
// certificate is genuine and valid.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { normaliseVerificationCode } from "~/modules/certificates/codes";
import { useT, type I18nHandle } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: [] };

export const meta = titleMeta("verify.lookup.title");

export function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { typed: "", invalid: false };
  const code = normaliseVerificationCode(typed.slice(0, 64));
  if (code) throw redirect(`/verify/${code}`);
  return { typed: typed.slice(0, 64), invalid: true };
}

export default function VerifyLookup() {
  const t = useT();
  const { typed, invalid } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h1>{t("verify.lookup.title")}</h1>
      <p>{t("verify.lookup.intro")}</p>
      <Form method="get" className="stack" reloadDocument>
        <div className="field">
          <label htmlFor="code">{t("verify.lookup.code")}</label>
          <input
            id="code"
            name="code"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            required
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "code-error" : undefined}
          />
          {invalid ? (
            <p id="code-error" className="field-errors" role="alert">
              {t("verify.lookup.invalid")}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button">
            {t("verify.lookup.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
