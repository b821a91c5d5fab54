// The site's name beside its star, inside the header's home link: in the app's layout (root.tsx)
// and on the standalone verification page (verify.$code.tsx), which renders its own document.
import type { TFunction } from "~/utils/i18n";

export function BrandName({ t }: { t: TFunction }) {
  return (
    <>
      <span className="brand-mark" aria-hidden="true">
        ★
      </span>
      <span>
        <strong>{t("app.name")}</strong>
        <small>{t("app.tagline")}</small>
      </span>
    </>
  );
}
