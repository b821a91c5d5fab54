import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { z } from "zod";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { acceptsEntries, createEntry } from "~/modules/entries/entries.server";
import { IdParam } from "~/modules/entries/schemas";
import { groupList } from "~/modules/rounds/groups";
import { formatDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { formFailure, parseParams, searchParamsObject } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

const Query = z.object({ round: IdParam });

/** Choose which of my products to enter into an open provincial round. */
export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("entries.producer.newTitle"), data?.round.name],
}));

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { round: roundId } = parseParams(Query, searchParamsObject(request), 404);
  const round = await prisma.round.findFirst({
    where: { id: roundId, level: "PROVINCE", status: "OPEN" },
    select: {
      id: true,
      name: true,
      provinceId: true,
      groups: true,
      status: true,
      entriesOpenAt: true,
      entriesCloseAt: true,
    },
  });
  if (!round) throw new Response(null, { status: 404 });
  const products = await prisma.product.findMany({
    where: {
      establishment: { ownerId: auth.user.id, provinceId: round.provinceId ?? "" },
      entries: { none: { roundId } },
    },
    select: { id: true, name: true, group: true, establishment: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return {
    round: {
      id: round.id,
      name: round.name,
      entriesCloseAt: round.entriesCloseAt,
      open: acceptsEntries(round),
      groups: groupList(round.groups),
    },
    products,
    onboarding: await pendingOnboarding(auth.user.id),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { round: roundId } = parseParams(Query, searchParamsObject(request), 404);
  const productId = z
    .string()
    .max(40)
    .safeParse((await request.formData()).get("productId"));
  if (!productId.success) return data({ error: "entries.producer.chooseProduct" as MessageKey }, { status: 400 });
  try {
    const entry = await createEntry(auth, { roundId, productId: productId.data }, requestMeta(request, context));
    return redirect(`/producer/entries/${entry.id}`);
  } catch (error) {
    const failure = formFailure(error);
    return data({ error: failure.messageKey }, { status: failure.status });
  }
}

export default function NewEntry() {
  const t = useT();
  const { round, products, onboarding } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <h1>{t("entries.producer.newTitle")}</h1>
      {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
      <p>
        {round.name}
        <br />
        {t("entries.producer.deadline", { date: formatDateTime(round.entriesCloseAt) })}
      </p>
      {actionData?.error ? (
        <div className="notice notice-error" role="alert">
          {t(actionData.error)}
        </div>
      ) : null}
      {products.length === 0 ? (
        <p>
          {t("entries.producer.noProducts")} <Link to="/producer">{t("entries.producer.addProduct")}</Link>
        </p>
      ) : (
        <Form method="post" className="stack">
          <fieldset>
            <legend>{t("entries.producer.chooseProduct")}</legend>
            {products.map((p, i) => (
              <div key={p.id} className="radio">
                <input
                  type="radio"
                  id={`p-${p.id}`}
                  name="productId"
                  value={p.id}
                  defaultChecked={i === 0}
                  disabled={!round.groups.includes(p.group)}
                />
                <label htmlFor={`p-${p.id}`}>
                  {p.name}{" "}
                  <span className="muted">
                    ({t(`group.${p.group}` as MessageKey)} — {p.establishment.name})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={!round.open}>
            {t("entries.producer.create")}
          </button>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
