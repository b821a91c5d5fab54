import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey, useT } from "~/utils/i18n";

/** One error page for every route: says what happened and what to do, in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  let title = t("error.title");
  let message = t("error.500");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const payload = error.data as { messageKey?: unknown; params?: Record<string, string | number> } | undefined;
    if (status === 404) {
      title = t("error.404.title");
      message = t("error.404");
    } else if (status === 403) {
      title = t("error.403.title");
      message = t("error.403");
    } else if (status === 400) {
      message = t("error.400");
    }
    if (payload && isMessageKey(payload.messageKey)) message = t(payload.messageKey, payload.params);
  }
  // An unexpected error is logged once, on the server, by handleError (entry.server.tsx).
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/" className="button">
          {t("error.goHome")}
        </Link>
      </p>
    </section>
  );
}
