// URL /admin/rounds/:roundId/rubric: the round's scoring rubric (tiêu chí chấm điểm) for its
// organisers. One form edits every sub-criterion and works without JavaScript: rows grouped by
// criterion, three empty rows per criterion to add items, a "remove" box per row; the sums per
// criterion and group are computed on the server (and live with JavaScript). Unlocked rubrics are
// edited in place; a locked one becomes a new version with a reason (sheets reopened). Read only
// once judging has closed. Rules and writes: app/modules/judging/rubric.server.ts.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { CRITERIA, criterionSums, scopeSum, type RubricItemInput } from "~/modules/judging/rubric";
import {
  BLANK_ROWS_PER_CRITERION,
  CreateRubricSchema,
  describeProblems,
  formValues,
  hasRowBeyondLimit,
  itemsFromRows,
  lenientItems,
  numberFormatter,
  rawRows,
  ResetRubricSchema,
  SaveRubricSchema,
  type RawRow,
} from "~/modules/judging/rubric-schemas";
import { createDefaultRubric, getRubricPage, resetRubricToDefault, RubricProblemsError, saveRubric } from "~/modules/judging/rubric.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { httpError, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { getT, isMessageKey, useLocale, useT, type MessageKey, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TableWrap } from "~/components/table-wrap";

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

const reply = (body: Partial<ActionReply>, status: number) => data<ActionReply>({ result: null, message: null, problems: null, ...body }, { status });

/** A refusal from the service: 403/404 become the error page, anything else a message on the form. */
function refused(error: unknown, t: TFunction) {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403 || error.status === 404) httpError(error.status, error.messageKey);
  return reply({ message: t(error.messageKey, error.params) }, error.status);
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
    return redirectWithToast(here, result.kind === "unchanged" ? { kind: "info", messageKey: "rubric.unchanged" } : { kind: "success", messageKey: "rubric.resetDone" });
  }

  if (intent !== "save") httpError(400, "error.400");
  // A row index far beyond the limit would make a huge reply: refuse before parsing.
  if (hasRowBeyondLimit(formData)) return reply({ message: t("rubric.error.tooManyRows") }, 400);
  const submission = parseWithZod(formData, { schema: SaveRubricSchema });
  if (submission.status !== "success") return reply({ result: submission.reply({ formErrors: ["rubric.error.form"] }) }, 400);

  const rows = submission.value.items ?? [];
  const { items, rowOf } = itemsFromRows(rows);
  const v = submission.value;
  let result;
  try {
    result = await saveRubric(
      auth,
      roundId,
      { items, reason: v.reason, basedOn: v.basedOn ? { rubricId: v.basedOn, updatedAt: v.basedOnUpdatedAt ?? null } : null },
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
      for (const [i, messages] of Object.entries(described.byItem)) byRow[rowOf[Number(i)]] = messages;
      return reply(
        {
          result: submission.reply({ formErrors: [t("rubric.error.problems", { count: described.summary.length })] }),
          problems: { summary: described.summary, byRow, byCriterion: described.byCriterion },
        },
        400,
      );
    }
    if (error instanceof DomainError && error.status !== 403 && error.status !== 404) {
      const message = t(error.messageKey, error.params);
      const result = error.field ? submission.reply({ fieldErrors: { [error.field]: [message] } }) : submission.reply({ formErrors: [message] });
      return reply({ result }, error.status);
    }
    return refused(error, t);
  }
  if (result.kind === "unchanged") return redirectWithToast(here, { kind: "info", messageKey: "rubric.unchanged" });
  if (result.kind === "version") return redirectWithToast(here, { kind: "success", messageKey: "rubric.versionCreated", params: { version: result.version, count: result.reopened } });
  return redirectWithToast(here, { kind: "success", messageKey: "rubric.saved", params: { version: result.version } });
}

// ───────────── page ─────────────

type PageData = Awaited<ReturnType<typeof loader>>;
type Group = PageData["round"]["groups"][number];

const criterionName = (t: TFunction, n: number) => t(`rubric.criterion.${n}` as MessageKey);
const scopeLabel = (t: TFunction, group: string | null | undefined) => (group ? t("rubric.scope.group", { group }) : t("rubric.scope.shared"));

interface DisplayRow extends RawRow {
  key: string;
  /** The row's index in the refused submission (its errors are keyed by it), or null. */
  origIndex: number | null;
  isNew: boolean;
}

const blankRow = (criterion: number, key: string): DisplayRow => ({
  key,
  origIndex: null,
  isNew: true,
  id: "",
  criterion,
  group: "",
  title: "",
  max: "",
  guidance: "",
  remove: false,
});

/** Items as the page lists them: by criterion, the shared ones first, then each group's. */
function displayOrder<T extends { criterion: number; group: string | null; sortOrder: number }>(items: readonly T[]): T[] {
  const rank = (g: string | null) => (g === null ? 0 : 1 + g.charCodeAt(0));
  return [...items].sort((a, b) => a.criterion - b.criterion || rank(a.group) - rank(b.group) || a.sortOrder - b.sortOrder);
}

/** Rows of the editor: what was typed (after a refusal) or the current items, plus empty rows. */
function editorRows(rubric: NonNullable<PageData["rubric"]>, typed: ReturnType<typeof rawRows> | null): Map<number, DisplayRow[]> {
  const byCriterion = new Map<number, DisplayRow[]>(CRITERIA.map((c) => [c.n, []]));
  if (typed) {
    for (const r of typed) byCriterion.get(r.criterion)?.push({ ...r, key: `t${r.index}`, origIndex: r.index, isNew: !r.id });
  } else {
    for (const i of displayOrder(rubric.items)) {
      byCriterion.get(i.criterion)?.push({
        key: i.id,
        origIndex: null,
        isNew: false,
        id: i.id,
        criterion: i.criterion,
        group: i.group ?? "",
        title: i.title,
        max: String(i.max),
        guidance: i.guidance ?? "",
        remove: false,
      });
    }
  }
  for (const [n, rows] of byCriterion) {
    const blanks = rows.filter((r) => !r.remove && !r.title.trim() && !r.max.trim() && !r.guidance.trim()).length;
    for (let k = blanks; k < BLANK_ROWS_PER_CRITERION; k++) rows.push(blankRow(n, `b${n}-${k}`));
  }
  return byCriterion;
}

export default function RubricPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round, rubric, editable } = page;
  const fmt = numberFormatter(useLocale());
  // Problems of the stored rubric (e.g. groups changed since): rows numbered as the editor shows them.
  const storedProblems = rubric && !actionData
    ? describeProblems(t, page.problems, rubric.items, (i) => 1 + displayOrder(rubric.items).filter((x) => x.criterion === rubric.items[i]?.criterion).indexOf(rubric.items[i]), fmt).summary
    : [];

  return (
    <div className="stack-lg">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {t("rubric.back")}</Link>
      </p>
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
              {rubric.locked ? (rubric.lockedAt ? t("rubric.badge.locked", { date: formatDateTime(rubric.lockedAt) }) : t("rubric.badge.lockedNoDate")) : t("rubric.badge.unlocked")}
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
      {page.otherGroups.length ? <p className="notice notice-info">{t("rubric.otherGroups", { groups: page.otherGroups.join(", ") })}</p> : null}
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

function SumsTable({ items, groups }: { items: RubricItemInput[]; groups: readonly Group[] }) {
  const t = useT();
  const fmt = numberFormatter(useLocale());
  const sums = criterionSums(items, groups);
  const cell = (n: number, g: string) => sums.find((s) => s.criterion === n && s.group === g)!;
  return (
    <section className="stack" aria-labelledby="sums-h">
      <h2 id="sums-h" className="h3">
        {t("rubric.sums.title")}
      </h2>
      <p className="hint">{t("rubric.sums.hint")}</p>
      <TableWrap label={t("rubric.sums.title")}>
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">{t("rubric.sums.criterion")}</th>
              <th scope="col">{t("rubric.sums.cap")}</th>
              {groups.map((g) => (
                <th key={g} scope="col">
                  {t("rubric.scope.group", { group: g })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CRITERIA.map((c) => (
              <tr key={c.n}>
                <th scope="row">
                  {c.n}. {criterionName(t, c.n)}
                </th>
                <td className="num">{fmt(c.cap)}</td>
                {groups.map((g) => {
                  const s = cell(c.n, g);
                  return (
                    <td key={g} className={s.ok ? "num" : "num flag"}>
                      {s.source === "none" ? t("rubric.sums.none") : fmt(s.sum)}{" "}
                      {s.source !== "none" ? <span className="muted">({t(s.source === "group" ? "rubric.sums.fromGroup" : "rubric.sums.fromShared")})</span> : null}
                      {s.ok ? (
                        <span aria-hidden="true"> ✓</span>
                      ) : (
                        <>
                          {" "}✗ <span>{t("rubric.sums.mismatch", { cap: fmt(c.cap) })}</span>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">{t("rubric.sums.total")}</th>
              <td className="num">{fmt(100)}</td>
              {groups.map((g) => {
                const total = CRITERIA.reduce((a, c) => a + cell(c.n, g).sum, 0);
                return (
                  <td key={g} className={total === 100 ? "num" : "num flag"}>
                    {fmt(total)}
                    {total === 100 ? <span aria-hidden="true"> ✓</span> : " ✗"}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Editor({ page, rubric }: { page: PageData; rubric: NonNullable<PageData["rubric"]> }) {
  const t = useT();
  const fmt = numberFormatter(useLocale());
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result ?? null;
  const typed = result?.initialValue ? rawRows(result.initialValue) : null;
  const rowsByCriterion = editorRows(rubric, typed);
  const [live, setLive] = useState<RawRow[] | null>(null);
  const shownRows = [...rowsByCriterion.values()].flat();
  const sumItems = lenientItems(live ?? shownRows);
  const groups = page.round.groups;
  const codeOf = new Map(rubric.items.map((i) => [i.id, i.code]));
  const errorsAt = (name: string) => (result?.error?.[name] ?? null) as string[] | null;
  const formErrors = [...(errorsAt("") ?? []), ...(errorsAt("items") ?? [])];
  const reasonErrors = errorsAt("reason");
  const typedReason = typeof result?.initialValue?.reason === "string" ? result.initialValue.reason : "";
  const nextVersion = rubric.version + 1;
  const submitted = page.sheets.submitted;
  let index = 0;

  return (
    <section className="stack" aria-labelledby="editor-h">
      <h2 id="editor-h">{t("rubric.editor.title")}</h2>
      <Form
        method="post"
        className="stack"
        onChange={(e) => setLive(rawRows(formValues(new FormData(e.currentTarget))))}
      >
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="basedOn" value={rubric.id} />
        <input type="hidden" name="basedOnUpdatedAt" value={new Date(rubric.updatedAt).toISOString()} />
        <FormErrors errors={formErrors.length ? formErrors : null} />
        {actionData?.problems?.summary.length ? (
          <div className="notice notice-error">
            <ul>
              {actionData.problems.summary.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="hint">{t("rubric.row.newHint")}</p>

        {CRITERIA.map((c) => {
          const rows = rowsByCriterion.get(c.n) ?? [];
          const scopes: Array<Group | null> = [null, ...groups];
          const criterionProblems = actionData?.problems?.byCriterion[c.n] ?? [];
          return (
            <fieldset key={c.n} className="stack" aria-describedby={`c${c.n}-sums`}>
              <legend>{t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}</legend>
              <p id={`c${c.n}-sums`} className="muted">
                {t("rubric.scopeSums")}{" "}
                {scopes
                  .filter((g) => g === null || sumItems.some((i) => i.criterion === c.n && i.group === g))
                  .map((g) => {
                    const sum = scopeSum(sumItems, c.n, g);
                    return (
                      <span key={g ?? "*"} className={sum === c.cap ? undefined : "flag"}>
                        {t("rubric.scopeSum", { scope: scopeLabel(t, g), sum: fmt(sum), cap: fmt(c.cap) })}
                        {sum === c.cap ? " ✓" : " ✗"}{" "}
                      </span>
                    );
                  })}
              </p>
              {criterionProblems.length ? (
                <ul className="field-errors" role="alert">
                  {criterionProblems.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
              <TableWrap label={t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("rubric.col.no")}</th>
                      <th scope="col">{t("rubric.col.scope")}</th>
                      <th scope="col">{t("rubric.col.title")}</th>
                      <th scope="col">{t("rubric.col.max")}</th>
                      <th scope="col">{t("rubric.col.guidance")}</th>
                      <th scope="col">{t("rubric.col.remove")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, position) => {
                      const k = index++;
                      const name = (f: string) => `items[${k}].${f}`;
                      const id = (f: string) => `rubric-${k}-${f}`;
                      const orig = row.origIndex;
                      const fieldErrors = (f: string) => (orig === null ? [] : (errorsAt(`items[${orig}].${f}`) ?? []));
                      const messages = [
                        ...(orig === null ? [] : (actionData?.problems?.byRow[orig] ?? [])),
                        ...["criterion", "group", "title", "max", "guidance"].flatMap((f) => fieldErrors(f)).map((e) => (isMessageKey(e) ? t(e) : e)),
                      ];
                      const invalid = messages.length ? true : undefined;
                      const errId = messages.length ? id("errors") : undefined;
                      const rowLabel = t("rubric.rowLabel", { criterion: c.n, row: position + 1 });
                      const code = row.id ? codeOf.get(row.id) : undefined;
                      const unknownGroup = row.group && !(groups as string[]).includes(row.group);
                      return (
                        <tr key={row.key}>
                          <td>
                            {position + 1}
                            {code ? <div className="muted">{code}</div> : row.isNew && !row.id ? <div className="muted">{t("rubric.row.new")}</div> : null}
                            <input type="hidden" name={name("criterion")} value={c.n} />
                            {row.id ? <input type="hidden" name={name("id")} value={row.id} /> : null}
                          </td>
                          <td className="field">
                            <label htmlFor={id("group")} className="sr-only">
                              {t("rubric.col.scope")} — {rowLabel}
                            </label>
                            <select id={id("group")} name={name("group")} defaultValue={row.group} aria-invalid={fieldErrors("group").length ? true : undefined} aria-describedby={errId}>
                              <option value="">{t("rubric.scope.shared")}</option>
                              {groups.map((g) => (
                                <option key={g} value={g}>
                                  {t("rubric.scope.group", { group: g })}
                                </option>
                              ))}
                              {unknownGroup ? <option value={row.group}>{t("rubric.scope.group", { group: row.group })}</option> : null}
                            </select>
                          </td>
                          <td className="field">
                            <label htmlFor={id("title")} className="sr-only">
                              {t("rubric.col.title")} — {rowLabel}
                            </label>
                            <input id={id("title")} name={name("title")} defaultValue={row.title} maxLength={300} aria-invalid={invalid} aria-describedby={errId} />
                            {messages.length ? (
                              <ul id={errId} className="field-errors" role="alert">
                                {messages.map((m) => (
                                  <li key={m}>{m}</li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                          <td className="field">
                            <label htmlFor={id("max")} className="sr-only">
                              {t("rubric.col.max")} — {rowLabel}
                            </label>
                            <input
                              id={id("max")}
                              name={name("max")}
                              type="number"
                              step={0.5}
                              min={0.5}
                              max={c.cap}
                              inputMode="decimal"
                              defaultValue={row.max}
                              aria-invalid={invalid}
                              aria-describedby={errId}
                              style={{ maxWidth: "6rem" }}
                            />
                          </td>
                          <td className="field">
                            <label htmlFor={id("guidance")} className="sr-only">
                              {t("rubric.col.guidance")} — {rowLabel}
                            </label>
                            <textarea id={id("guidance")} name={name("guidance")} defaultValue={row.guidance} rows={2} maxLength={2000} />
                          </td>
                          <td>
                            {row.isNew && !row.title && !row.max ? null : (
                              <>
                                <input id={id("remove")} name={name("remove")} type="checkbox" defaultChecked={row.remove} />{" "}
                                <label htmlFor={id("remove")}>
                                  <span className="sr-only">
                                    {t("rubric.col.remove")} — {rowLabel}
                                  </span>
                                  <span aria-hidden="true">{t("rubric.col.remove")}</span>
                                </label>
                              </>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            </fieldset>
          );
        })}

        <SumsTable items={sumItems} groups={groups} />

        {rubric.locked ? (
          <div className="field">
            <label htmlFor="rubric-reason">
              {t("rubric.reason.label")}
              <span className="required" aria-hidden="true">
                {" "}
                *
              </span>
            </label>
            <p id="rubric-reason-hint" className="hint">
              {t("rubric.reason.hint", { version: nextVersion, count: submitted })}
            </p>
            <textarea
              id="rubric-reason"
              name="reason"
              rows={3}
              maxLength={2000}
              required
              defaultValue={typedReason}
              aria-describedby={reasonErrors ? "rubric-reason-hint rubric-reason-errors" : "rubric-reason-hint"}
              aria-invalid={reasonErrors ? true : undefined}
            />
            <ErrorList id="rubric-reason-errors" errors={reasonErrors} />
          </div>
        ) : null}
        <div>
          {rubric.locked ? (
            <ConfirmButton className="button" confirmText={t("rubric.saveVersion.confirm", { version: nextVersion, count: submitted })}>
              {t("rubric.saveVersion", { version: nextVersion })}
            </ConfirmButton>
          ) : (
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("rubric.save")}
            </button>
          )}
        </div>
      </Form>
    </section>
  );
}

function ReadOnlyRubric({ rubric, groups }: { rubric: NonNullable<PageData["rubric"]>; groups: readonly Group[] }) {
  const t = useT();
  const fmt = numberFormatter(useLocale());
  return (
    <section className="stack" aria-labelledby="readonly-h">
      <h2 id="readonly-h" className="sr-only">
        {t("rubric.title")}
      </h2>
      <p className="notice notice-info">{t("rubric.readonly")}</p>
      {CRITERIA.map((c) => (
        <section key={c.n} className="stack" aria-labelledby={`ro-c${c.n}`}>
          <h3 id={`ro-c${c.n}`} className="h3">
            {t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}
          </h3>
          <TableWrap label={t("rubric.criterion.legend", { n: c.n, name: criterionName(t, c.n), cap: fmt(c.cap) })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("rubric.col.code")}</th>
                  <th scope="col">{t("rubric.col.scope")}</th>
                  <th scope="col">{t("rubric.col.title")}</th>
                  <th scope="col" className="num">
                    {t("rubric.col.max")}
                  </th>
                  <th scope="col">{t("rubric.col.guidance")}</th>
                </tr>
              </thead>
              <tbody>
                {rubric.items
                  .filter((i) => i.criterion === c.n)
                  .map((i) => (
                    <tr key={i.id}>
                      <td>{i.code}</td>
                      <td>{scopeLabel(t, i.group)}</td>
                      <td>{i.title}</td>
                      <td className="num">{fmt(i.max)}</td>
                      <td className="pre-line">{i.guidance}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <SumsTable items={rubric.items} groups={groups} />
    </section>
  );
}

function Versions({ versions }: { versions: PageData["versions"] }) {
  const t = useT();
  if (!versions.length) return null;
  return (
    <section className="stack" aria-labelledby="versions-h">
      <h2 id="versions-h">{t("rubric.versions.title")}</h2>
      <TableWrap label={t("rubric.versions.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("rubric.versions.col.version")}</th>
              <th scope="col">{t("rubric.versions.col.createdAt")}</th>
              <th scope="col">{t("rubric.versions.col.createdBy")}</th>
              <th scope="col">{t("rubric.versions.col.reason")}</th>
              <th scope="col">{t("rubric.versions.col.locked")}</th>
              <th scope="col" className="num">
                {t("rubric.versions.col.items")}
              </th>
              <th scope="col" className="num">
                {t("rubric.versions.col.sheets")}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, k) => (
              <tr key={v.id}>
                <td>
                  {v.version}
                  {k === 0 ? <span className="muted"> ({t("rubric.versions.current")})</span> : null}
                </td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>{v.createdBy}</td>
                <td className="pre-line">{v.reason ?? (v.version === 1 ? t("rubric.versions.first") : "")}</td>
                <td>{v.lockedAt ? formatDateTime(v.lockedAt) : t("rubric.versions.notLocked")}</td>
                <td className="num">{v.items}</td>
                <td className="num">{v.sheets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
