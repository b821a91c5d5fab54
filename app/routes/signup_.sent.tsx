import { Link, useSearchParams } from "@remix-run/react";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("auth.signup.sent.title");

export default function SignupSent() {
  const t = useT();
  const [params] = useSearchParams();
  const email = (params.get("email") ?? "").slice(0, 254);
  return (
    <div className="narrow">
      <h1>{t("auth.signup.sent.title")}</h1>
      <p className="notice notice-success" role="status">
        {t("auth.signup.sent", { email })}
      </p>
      <p>
        <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
