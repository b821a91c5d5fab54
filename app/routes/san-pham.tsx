// URL /san-pham: the Vietnamese address of the register, kept for people who type it or print
// it. A permanent redirect to /products with the same query, so every filter link keeps working.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/products${new URL(request.url).search}`, 301);
}
