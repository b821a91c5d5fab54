// URL /thong-ke: the Vietnamese address of the register's statistics; a permanent redirect to
// /statistics keeping the query.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/statistics${new URL(request.url).search}`, 301);
}
