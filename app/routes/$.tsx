import { GeneralErrorBoundary } from "~/components/error-boundary";
import { throwNotFound } from "~/utils/http.server";
import { titleMeta } from "~/utils/meta";

// Any URL no other route matches: a real 404 with the shared error page.
export const meta = titleMeta("error.404.title");

export function loader() {
  throwNotFound();
}

export function action() {
  throwNotFound();
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
