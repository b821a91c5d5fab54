// The rubric editor: one form for every sub-criterion, grouped by criterion, with empty rows to
// add items and a "remove" box per row; works without JavaScript (sums are live with it). On a
// phone each row is a card (the table-stack layout of decision 032).
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { CRITERIA, scopeSum } from "~/modules/judging/rubric";
import {
  BLANK_ROWS_PER_CRITERION,
  formValues,
  lenientItems,
  numberFormatter,
  rawRows,
  type RawRow,
} from "~/modules/judging/rubric-schemas";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { criterionName, displayOrder, scopeLabel, type Group, type PageData } from "./helpers";
import type { action } from "./route";
import { SumsTable } from "./rubric-tables";

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

/** Rows of the editor: what was typed (after a refusal) or the current items, plus empty rows. */
function editorRows(
  rubric: NonNullable<PageData["rubric"]>,
  typed: ReturnType<typeof rawRows> | null,
): Map<number, DisplayRow[]> {
  const byCriterion = new Map<number, DisplayRow[]>(CRITERIA.map((c) => [c.n, []]));
  if (typed) {
    for (const r of typed)
      byCriterion.get(r.criterion)?.push({ ...r, key: `t${r.index}`, origIndex: r.index, isNew: !r.id });
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

export function Editor({ page, rubric }: { page: PageData; rubric: NonNullable<PageData["rubric"]> }) {
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
              <div className="table-wrap" role="region" aria-label={criterionName(t, c.n)} tabIndex={0}>
                <table className="table-stack">
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
                        ...["criterion", "group", "title", "max", "guidance"]
                          .flatMap((f) => fieldErrors(f))
                          .map((e) => (isMessageKey(e) ? t(e) : e)),
                      ];
                      const invalid = messages.length ? true : undefined;
                      const errId = messages.length ? id("errors") : undefined;
                      const rowLabel = t("rubric.rowLabel", { criterion: c.n, row: position + 1 });
                      const code = row.id ? codeOf.get(row.id) : undefined;
                      const unknownGroup = row.group && !(groups as string[]).includes(row.group);
                      return (
                        <tr key={row.key}>
                          <td className="cell-half" data-label={t("rubric.col.no")}>
                            {position + 1}
                            {code ? (
                              <div className="muted">{code}</div>
                            ) : row.isNew && !row.id ? (
                              <div className="muted">{t("rubric.row.new")}</div>
                            ) : null}
                            <input type="hidden" name={name("criterion")} value={c.n} />
                            {row.id ? <input type="hidden" name={name("id")} value={row.id} /> : null}
                          </td>
                          <td className="field cell-half" data-label={t("rubric.col.scope")}>
                            <label htmlFor={id("group")} className="sr-only">
                              {t("rubric.col.scope")} — {rowLabel}
                            </label>
                            <select
                              id={id("group")}
                              name={name("group")}
                              defaultValue={row.group}
                              aria-invalid={fieldErrors("group").length ? true : undefined}
                              aria-describedby={errId}
                            >
                              <option value="">{t("rubric.scope.shared")}</option>
                              {groups.map((g) => (
                                <option key={g} value={g}>
                                  {t("rubric.scope.group", { group: g })}
                                </option>
                              ))}
                              {unknownGroup ? (
                                <option value={row.group}>{t("rubric.scope.group", { group: row.group })}</option>
                              ) : null}
                            </select>
                          </td>
                          <td className="field" data-label={t("rubric.col.title")}>
                            <label htmlFor={id("title")} className="sr-only">
                              {t("rubric.col.title")} — {rowLabel}
                            </label>
                            <input
                              id={id("title")}
                              name={name("title")}
                              defaultValue={row.title}
                              maxLength={300}
                              aria-invalid={invalid}
                              aria-describedby={errId}
                            />
                            {messages.length ? (
                              <ul id={errId} className="field-errors" role="alert">
                                {messages.map((m) => (
                                  <li key={m}>{m}</li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                          <td className="field cell-half" data-label={t("rubric.col.max")}>
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
                          <td className="field" data-label={t("rubric.col.guidance")}>
                            <label htmlFor={id("guidance")} className="sr-only">
                              {t("rubric.col.guidance")} — {rowLabel}
                            </label>
                            <textarea
                              id={id("guidance")}
                              name={name("guidance")}
                              defaultValue={row.guidance}
                              rows={2}
                              maxLength={2000}
                            />
                          </td>
                          <td className="cell-half">
                            {row.isNew && !row.title && !row.max ? null : (
                              <>
                                <input
                                  id={id("remove")}
                                  name={name("remove")}
                                  type="checkbox"
                                  defaultChecked={row.remove}
                                />{" "}
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
              </div>
            </fieldset>
          );
        })}

        <SumsTable items={sumItems} groups={groups} />

        {rubric.locked ? (
          <div className="field">
            <label htmlFor="rubric-reason">
              {t("rubric.reason.label")}
              <RequiredMark />
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
            <ConfirmButton
              className="button"
              confirmText={t("rubric.saveVersion.confirm", { version: nextVersion, count: submitted })}
            >
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
