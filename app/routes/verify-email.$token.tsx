import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requestMeta } from "~/modules/audit/audit.server";
import { peekToken, verifyEmail } from "~/modules/auth/auth.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

// The emailed link opens a confirmation page; only the button (a POST) changes anything, so
// mail scanners that follow links cannot use up the token.
export const meta = titleMeta("auth.verify.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  const row = await mapDomainErrors(() => peekToken(token, "VERIFY_EMAIL"));
  return { email: row.user.email, name: row.user.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  await mapDomainErrors(() => verifyEmail(token, requestMeta(request, context)));
  return redirectWithToast("/login", { kind: "success", messageKey: "auth.verify.done" });
}

export default function VerifyEmail() {
  const t = useT();
  const { email, name } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("auth.verify.title")}</h1>
      <p>{t("auth.verify.intro", { email, name })}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("auth.verify.submit")}
        </button>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
