import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageMessages } from "~/components/page-messages";
import { ToastMessage } from "~/components/toast";
import { canUseAdminArea, isProducer } from "~/modules/access/permissions";
import { getAuth } from "~/modules/auth/auth.server";
import { hasJuryMemberships } from "~/modules/judging/access.server";
import { skipAfterAutosave } from "~/modules/judging/autosave";
import { useT, type Locale } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";
import stylesUrl from "~/styles/app.css?url";
import { BrandName } from "~/components/brand";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The fallback of a page without its own meta (every route has one: app/utils/meta.ts). */
export const meta = titleMeta("app.tagline", "home.lead");

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, auth, { toast, headers }] = await Promise.all([
    getLocale(request),
    getAuth(request),
    readToast(request),
  ]);
  return data(
    {
      locale,
      user: auth
        ? {
            name: auth.user.name,
            email: auth.user.email,
            canAdmin: canUseAdminArea(auth.roles),
            isProducer: isProducer(auth.roles),
            isJuror: await hasJuryMemberships(auth.user.id),
          }
        : null,
      toast,
    },
    { headers },
  );
}

// A score sheet's autosave changes nothing the root shows: no reload of user, navigation, toast.
export const shouldRevalidate = skipAfterAutosave;

type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root") as RootData | undefined;
  const locale: Locale = root?.locale ?? "vi";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader root={root} />
        <main id="main" className="container" tabIndex={-1}>
          {root?.toast ? <ToastMessage toast={root.toast} /> : null}
          {children}
        </main>
        <SiteFooter />
        <PageMessages />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ root }: { root: RootData | undefined }) {
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <div className="container header-row">
        <Link to="/" className="brand">
          <BrandName t={t} />
        </Link>
        <nav aria-label={t("nav.main")} className="main-nav">
          <Link to="/products">{t("nav.products")}</Link>
          <Link to="/statistics">{t("nav.statistics")}</Link>
          {root?.user ? (
            <>
              {root.user.isProducer ? <Link to="/producer">{t("nav.producer")}</Link> : null}
              {root.user.isJuror ? <Link to="/judge">{t("nav.judge")}</Link> : null}
              {root.user.canAdmin ? <Link to="/admin">{t("nav.admin")}</Link> : null}
              <Link to="/account">{t("nav.account")}</Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">{t("nav.login")}</Link>
              <Link to="/signup" className="button button-small">
                {t("nav.signup")}
              </Link>
            </>
          )}
          <Form method="post" action="/lang" className="lang-switch" aria-label={t("lang.switchTo")}>
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" name="lang" value="vi" aria-pressed={root?.locale !== "en"} lang="vi">
              VI
            </button>
            <button type="submit" name="lang" value="en" aria-pressed={root?.locale === "en"} lang="en">
              EN
            </button>
          </Form>
        </nav>
      </div>
    </header>
  );
}

function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.legal")}</p>
        <p>{t("footer.free")}</p>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
