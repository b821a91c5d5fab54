// URL /judge/rounds/:roundId/declaration: a jury member's conflict-of-interest declaration. Lists
// the establishments taking part (names only: no product, no entry code), the member ticks those
// they have a conflict with and confirms. Conflicts already recorded stay ticked and cannot be
// withdrawn here (only organisers remove the ones they recorded). Can be completed later.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { DeclarationSchema } from "~/modules/judging/jury-schemas";
import { getDeclaration, submitDeclaration } from "~/modules/judging/jury.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("jury.declaration.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  return mapDomainErrors(() => getDeclaration(auth, roundId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: DeclarationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  let result;
  try {
    result = await submitDeclaration(
      auth,
      roundId,
      { establishmentIds: v.establishmentId, note: v.note, confirmed: v.confirm },
      requestMeta(request, context),
    );
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  // Judges go on to their queue; council-only members have none.
  return redirectWithToast(result.isJudge ? `/judge/rounds/${roundId}` : "/judge", {
    kind: "success",
    messageKey: result.added ? "jury.declaration.doneWithConflicts" : "jury.declaration.done",
    params: { count: result.added },
  });
}

export default function Declaration() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const recorded = new Map(d.conflicts.map((c) => [c.establishmentId, c]));
  const [form, fields] = useForm({
    id: "declaration",
    lastResult: actionData?.result,
    constraint: getZodConstraint(DeclarationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclarationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // What the member ticked before a refused submit stays ticked.
  const typed = fields.establishmentId.initialValue;
  const ticked = new Set(
    Array.isArray(typed)
      ? typed.filter((v): v is string => typeof v === "string")
      : typeof typed === "string"
        ? [typed]
        : [],
  );
  const note = getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` });
  const confirm = getInputProps(fields.confirm, { type: "checkbox" });
  return (
    <div className="stack-lg narrow">
      <BackLink to="/judge">{t("jury.home.title")}</BackLink>
      <div className="stack">
        <h1>{t("jury.declaration.title")}</h1>
        <p>{d.round.name}</p>
        {d.member.declaredAt ? (
          <p className="notice notice-success">
            {t("jury.declaration.previous", { date: formatDateTime(d.member.declaredAt) })}
          </p>
        ) : (
          <p className="notice notice-info">{t("jury.declaration.required")}</p>
        )}
        <p className="hint">{t("jury.declaration.intro")}</p>
        {d.homeProvince ? (
          <p className="hint">{t("jury.declaration.homeProvince", { province: d.homeProvince })}</p>
        ) : null}
      </div>

      {!d.open ? (
        <p className="notice notice-info">{t("jury.declaration.closed")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset
            className="stack"
            aria-describedby={fields.establishmentId.errors?.length ? fields.establishmentId.errorId : "est-hint"}
          >
            <legend>
              <strong>{t("jury.declaration.list")}</strong>
            </legend>
            <p id="est-hint" className="hint">
              {t("jury.declaration.listHint")}
            </p>
            {d.establishments.length === 0 ? <p className="muted">{t("jury.declaration.empty")}</p> : null}
            <ul className="checklist">
              {d.establishments.map((e, i) => {
                const already = recorded.get(e.id);
                const id = `est-${i}`;
                return (
                  <li key={e.id}>
                    <label htmlFor={id}>
                      {already ? (
                        <input id={id} type="checkbox" checked disabled readOnly />
                      ) : (
                        <input
                          id={id}
                          type="checkbox"
                          name="establishmentId"
                          value={e.id}
                          defaultChecked={ticked.has(e.id)}
                        />
                      )}{" "}
                      {t("jury.declaration.conflictWith", { name: e.name })}
                    </label>
                    {already ? (
                      <span className="muted">
                        {" "}
                        (
                        {already.source === "ORGANISER"
                          ? t("jury.declaration.byOrganiser")
                          : t("jury.declaration.declaredOn", { date: formatDateTime(already.createdAt) })}
                        )
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <ErrorList id={fields.establishmentId.errorId} errors={fields.establishmentId.errors} />
          </fieldset>
          <div className="field">
            <label htmlFor={fields.note.id}>{t("jury.declaration.note")}</label>
            <p id={`${fields.note.id}-hint`} className="hint">
              {t("jury.declaration.noteHint")}
            </p>
            <textarea {...note} key={note.key} rows={3} maxLength={2000} />
            <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.confirm.id}>
              <input {...confirm} key={confirm.key} required /> {t("jury.declaration.confirm")}
              <RequiredMark />
            </label>
            <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
          </div>
          <p>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("jury.declaration.submit")}
            </button>
          </p>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
