// URL /admin/rounds/:roundId/rubric: the round's scoring rubric (tiêu chí chấm điểm) for its
// organisers. One form edits every sub-criterion and works without JavaScript: rows grouped by
// criterion, three empty rows per criterion to add items, a "remove" box per row; the sums per
// criterion and group are computed on the server (and live with JavaScript). Unlocked rubrics are
// edited in place; a locked one becomes a new version with a reason (sheets reopened). Read only
// once judging has closed. Rules and writes: app/modules/judging/rubric.server.ts.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  CreateRubricSchema,
  describeProblems,
  hasRowBeyondLimit,
  itemsFromRows,
  numberFormatter,
  ResetRubricSchema,
  SaveRubricSchema,
} from "~/modules/judging/rubric-schemas";
import {
  createDefaultRubric,
  getRubricPage,
  resetRubricToDefault,
  RubricProblemsError,
  saveRubric,
} from "~/modules/judging/rubric.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, httpError, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { getT, useLocale, useT, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { Editor } from "./editor";
import { displayOrder } from "./helpers";
import { ReadOnlyRubric, Versions } from "./rubric-tables";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("rubric.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  return mapDomainErrors(() => getRubricPage(auth, roundId));
}

/** What a refused POST answers: the typed values and errors, and the rubric's problems by row. */
interface ActionReply {
  result: SubmissionResult<string[]> | null;
  message: string | null;
  problems: { summary: string[]; byRow: Record<number, string[]>; byCriterion: Record<number, string[]> } | null;
}

const reply = (body: Partial<ActionReply>, status: number) =>
  data<ActionReply>({ result: null, message: null, problems: null, ...body }, { status });

/** A refusal from the service: a generic 403/404 becomes the error page, anything else a message on the form. */
function refused(error: unknown, t: TFunction) {
  const failure = formFailure(error);
  return reply({ message: t(failure.messageKey, failure.params) }, failure.status);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const locale = await getLocale(request);
  const t = getT(locale);
  const here = `/admin/rounds/${roundId}/rubric`;
  const intent = formData.get("intent");

  if (intent === "createDefault" && parseWithZod(formData, { schema: CreateRubricSchema }).status === "success") {
    try {
      await createDefaultRubric(auth, roundId, meta);
    } catch (error) {
      return refused(error, t);
    }
    return redirectWithToast(here, { kind: "success", messageKey: "rubric.created" });
  }

  if (intent === "reset" && parseWithZod(formData, { schema: ResetRubricSchema }).status === "success") {
    let result;
    try {
      result = await resetRubricToDefault(auth, roundId, meta);
    } catch (error) {
      return refused(error, t);
    }
    return redirectWithToast(
      here,
      result.kind === "unchanged"
        ? { kind: "info", messageKey: "rubric.unchanged" }
        : { kind: "success", messageKey: "rubric.resetDone" },
    );
  }

  if (intent !== "save") httpError(400, "error.400");
  // A row index far beyond the limit would make a huge reply: refuse before parsing.
  if (hasRowBeyondLimit(formData)) return reply({ message: t("rubric.error.tooManyRows") }, 400);
  const submission = parseWithZod(formData, { schema: SaveRubricSchema });
  if (submission.status !== "success")
    return reply({ result: submission.reply({ formErrors: ["rubric.error.form"] }) }, 400);

  const rows = submission.value.items ?? [];
  const { items, rowOf } = itemsFromRows(rows);
  const v = submission.value;
  let result;
  try {
    result = await saveRubric(
      auth,
      roundId,
      {
        items,
        reason: v.reason,
        basedOn: v.basedOn ? { rubricId: v.basedOn, updatedAt: v.basedOnUpdatedAt ?? null } : null,
      },
      meta,
    );
  } catch (error) {
    if (error instanceof RubricProblemsError) {
      // Row numbers as shown: the position of the row among the rows of its criterion.
      const rowNumber = (itemIndex: number) => {
        const at = rowOf[itemIndex];
        const criterion = items[itemIndex]?.criterion;
        return 1 + rows.slice(0, at).filter((r) => r?.criterion === criterion).length;
      };
      const described = describeProblems(t, error.problems, items, rowNumber, numberFormatter(locale));
      const byRow: Record<number, string[]> = {};
      for (const [i, messages] of Object.entries(described.byItem)) {
        const row = rowOf[Number(i)];
        if (row !== undefined) byRow[row] = messages;
      }
      return reply(
        {
          result: submission.reply({ formErrors: [t("rubric.error.problems", { count: described.summary.length })] }),
          problems: { summary: described.summary, byRow, byCriterion: described.byCriterion },
        },
        400,
      );
    }
    const failure = formFailure(error);
    const message = t(failure.messageKey, failure.params);
    const result = failure.field
      ? submission.reply({ fieldErrors: { [failure.field]: [message] } })
      : submission.reply({ formErrors: [message] });
    return reply({ result }, failure.status);
  }
  if (result.kind === "unchanged") return redirectWithToast(here, { kind: "info", messageKey: "rubric.unchanged" });
  if (result.kind === "version")
    return redirectWithToast(here, {
      kind: "success",
      messageKey: "rubric.versionCreated",
      params: { version: result.version, count: result.reopened },
    });
  return redirectWithToast(here, { kind: "success", messageKey: "rubric.saved", params: { version: result.version } });
}

export default function RubricPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round, rubric, editable } = page;
  const fmt = numberFormatter(useLocale());
  // Problems of the stored rubric (e.g. groups changed since): rows numbered as the editor shows them.
  const storedProblems =
    rubric && !actionData
      ? describeProblems(
          t,
          page.problems,
          rubric.items,
          (i) =>
            1 +
            displayOrder(rubric.items)
              .filter((x) => x.criterion === rubric.items[i]?.criterion)
              .findIndex((x) => x === rubric.items[i]),
          fmt,
        ).summary
      : [];

  return (
    <div className="stack-lg">
      <BackLink to={`/admin/rounds/${round.id}`}>{t("rubric.back")}</BackLink>
      <div className="stack">
        <h1>
          {t("rubric.title")}
          <span className="sr-only">: </span>
          <br />
          <small>{round.name}</small>
        </h1>
        {rubric ? (
          <p className="inline-list">
            <span className="badge">{t("rubric.badge.version", { version: rubric.version })}</span>
            <span className="badge">
              {rubric.locked
                ? rubric.lockedAt
                  ? t("rubric.badge.locked", { date: formatDateTime(rubric.lockedAt) })
                  : t("rubric.badge.lockedNoDate")
                : t("rubric.badge.unlocked")}
            </span>
            {!editable ? <span className="badge">{t("rubric.badge.readonly")}</span> : null}
          </p>
        ) : null}
      </div>

      <section className="card stack" aria-label={t("rubric.title")}>
        <p>{t("rubric.intro.caps")}</p>
        <p>{t("rubric.intro.scope")}</p>
        <p className="muted">{t("rubric.intro.lock")}</p>
      </section>

      {actionData?.message ? (
        <div className="notice notice-error" role="alert">
          <p>{actionData.message}</p>
        </div>
      ) : null}
      {page.otherGroups.length ? (
        <p className="notice notice-info">{t("rubric.otherGroups", { groups: page.otherGroups.join(", ") })}</p>
      ) : null}
      {storedProblems.length ? (
        <div className="notice notice-error">
          <p>{t("rubric.storedProblems")}</p>
          <ul>
            {storedProblems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {!rubric ? (
        <section className="card stack">
          <p>{t("rubric.none")}</p>
          {editable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="createDefault" />
              <button type="submit" className="button">
                {t("rubric.create.submit")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : editable ? (
        <Editor key={`${rubric.id}:${new Date(rubric.updatedAt).toISOString()}`} page={page} rubric={rubric} />
      ) : (
        <ReadOnlyRubric rubric={rubric} groups={round.groups} />
      )}

      {rubric && editable && !rubric.locked ? (
        <section className="card stack" aria-labelledby="reset-h">
          <h2 id="reset-h">{t("rubric.reset.title")}</h2>
          <p className="hint">{t("rubric.reset.hint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <ConfirmButton confirmText={t("rubric.reset.confirm")} className="button button-secondary">
              {t("rubric.reset.submit")}
            </ConfirmButton>
          </Form>
        </section>
      ) : null}

      <Versions versions={page.versions} />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
