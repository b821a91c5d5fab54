// What every action of a round's admin pages starts with: who asks (signed in, and for the
// organisers' pages allowed in the admin area), which round (a malformed id is a 404), the
// audit metadata and the translator; `roundForm` also reads the posted form and its intent.
// Whether this user may change this round is the domain's question, asked in its queries.
import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { parseParams, throwForbidden } from "~/utils/http.server";
import { getT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { RoundIdParam } from "./schemas";

interface Options<S> {
  /** Refuse (403) anyone who may not use the admin area before reading anything else. */
  adminArea?: boolean;
  /** The route's params schema when it has more than the round's id. */
  params?: S;
}

export async function roundAction<S extends z.ZodType<{ roundId: string }> = typeof RoundIdParam>(
  { request, params, context }: ActionFunctionArgs,
  options: Options<S> = {},
) {
  const auth = await requireAuth(request);
  if (options.adminArea && !canUseAdminArea(auth.roles)) throwForbidden();
  const parsed = parseParams(options.params ?? RoundIdParam, params, 404) as z.output<S>;
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  return { auth, ...parsed, meta, t };
}

export async function roundForm<S extends z.ZodType<{ roundId: string }> = typeof RoundIdParam>(
  args: ActionFunctionArgs,
  options: Options<S> = {},
) {
  const context = await roundAction(args, options);
  const formData = await args.request.formData();
  return { ...context, formData, intent: formData.get("intent") };
}
