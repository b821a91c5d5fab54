import type { LoaderFunctionArgs } from "@remix-run/node";
import { chooseLocale } from "~/utils/locale-link.server";

export const loader = ({ request }: LoaderFunctionArgs) => chooseLocale(request, "vi");
