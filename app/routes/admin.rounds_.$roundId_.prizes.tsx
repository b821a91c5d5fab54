// URL /admin/rounds/:roundId/prizes: prizes among the recognised products (issue #12 item 8,
// decision 029), for the round's organisers. The settings (whether the round awards prizes and
// how many of each tier) change until judging ends; once the results are final and until
// certificates are issued, each recognised product gets its prize with the council's vote (or
// none). Every write is a POST that works without JavaScript; refusals keep what was typed.
// The recognised products are an admin list (decision 043): filter by prize (?prize=), a
// DataTable that stacks into cards on a phone, 20 a page; one product's award form opens below the
// list (?entry=…), as the jury page opens one member.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DataTable, FilterBar, type Column } from "~/components/data-table";
import { ErrorList, FormErrors } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { PrizeAwardSchema, PrizeSettingsSchema } from "~/modules/certificates/prize-schemas";
import { PRIZE_QUOTA_MAX, PRIZE_TIERS, prizeLabelKey } from "~/modules/certificates/prizes";
import { formatPoints } from "~/modules/judging/sheet-rules";
import { getPrizePage, recordPrize, updatePrizeSettings, type PrizeEntry } from "~/modules/certificates/prizes.server";
import { IdParam } from "~/modules/entries/schemas";
import { roundForm } from "~/modules/rounds/round-action.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { submitForm, type FormReply } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getT, isLocale, useLocale, useT } from "~/utils/i18n";
import { pageSearch, paging, parsePage } from "~/utils/paging";
import { BackLink } from "~/components/back-link";

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = getT(isLocale(root?.locale) ? root.locale : "vi");
  return [{ title: `${t("prizes.page.title")} — ${t("app.name")}` }];
};

const PRIZE_FILTERS = [...PRIZE_TIERS, "NONE"] as const;
type PrizeFilter = (typeof PRIZE_FILTERS)[number];
const ListQuery = z.object({
  prize: z.enum(PRIZE_FILTERS).optional().catch(undefined),
  entry: IdParam.optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const search = searchParamsObject(request);
  const { prize, entry } = ListQuery.parse(search);
  const page = await mapDomainErrors(() => getPrizePage(auth, roundId));
  // A round recognises tens of products: the list is filtered and paged here, from the page's data.
  const tierOf = (e: PrizeEntry): PrizeFilter => e.prize ?? "NONE";
  const counts = Object.fromEntries(
    PRIZE_FILTERS.map((f) => [f, page.entries.filter((e) => tierOf(e) === f).length]),
  ) as Record<PrizeFilter, number>;
  const filtered = prize ? page.entries.filter((e) => tierOf(e) === prize) : page.entries;
  const pager = paging(parsePage(search.page), filtered.length);
  return {
    ...page,
    prizeFilter: prize ?? null,
    counts,
    rows: filtered.slice(pager.skip, pager.skip + pager.take),
    paging: { page: pager.page, pages: pager.pages, total: pager.total },
    // Looked up among the round's recognised products: an id from elsewhere opens nothing.
    openEntry: page.entries.find((e) => e.entryId === entry) ?? null,
  };
}

type ActionReply = FormReply;

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, formData, intent, meta, t } = await roundForm(args, { adminArea: true });
  const here = `/admin/rounds/${roundId}/prizes`;

  if (intent === "settings") {
    return submitForm("settings", formData, PrizeSettingsSchema, t, async (v) => {
      await updatePrizeSettings(
        auth,
        roundId,
        {
          awardsPrizes: v.awardsPrizes,
          quotas: { A: v.quotaA, B: v.quotaB, C: v.quotaC, ENCOURAGEMENT: v.quotaENCOURAGEMENT },
        },
        meta,
      );
      return { to: here, toast: { kind: "success", messageKey: "prizes.settings.saved" } };
    });
  }

  if (intent === "award") {
    return submitForm(`award-${String(formData.get("entryId") ?? "")}`, formData, PrizeAwardSchema, t, async (v) => {
      const prize = v.prize === "NONE" ? null : v.prize;
      const done = await recordPrize(
        auth,
        roundId,
        {
          entryId: v.entryId,
          prize,
          votesFor: v.votesFor ?? 0,
          votesAgainst: v.votesAgainst ?? 0,
          votesAbstain: v.votesAbstain ?? 0,
        },
        meta,
      );
      return {
        to: here,
        toast: {
          kind: "success",
          messageKey: done.prize ? "prizes.award.saved" : "prizes.award.cleared",
          params: { code: done.code },
        },
      };
    });
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

type Page = Awaited<ReturnType<typeof loader>>;

export default function Prizes() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as unknown as Page;
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  const { round } = page;
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
        <h1>{t("prizes.page.title")}</h1>
        <p className="muted">{t("prizes.page.intro")}</p>
        {round.finalised ? (
          <p>
            <Link to={`/admin/rounds/${round.id}/recognition`}>{t("prizes.page.recognition")}</Link>
          </p>
        ) : null}
      </div>
      <SettingsSection page={page} reply={reply?.form === "settings" ? reply : undefined} />
      {page.settings.awardsPrizes ? <AwardSection page={page} reply={reply} /> : null}
    </div>
  );
}

function SettingsSection({ page, reply }: { page: Page; reply?: ActionReply }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "settings",
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(PrizeSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrizeSettingsSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      awardsPrizes: page.settings.awardsPrizes ? "on" : undefined,
      quotaA: String(page.settings.quotas.A),
      quotaB: String(page.settings.quotas.B),
      quotaC: String(page.settings.quotas.C),
      quotaENCOURAGEMENT: String(page.settings.quotas.ENCOURAGEMENT),
    },
  });
  const quotaFields = {
    A: fields.quotaA,
    B: fields.quotaB,
    C: fields.quotaC,
    ENCOURAGEMENT: fields.quotaENCOURAGEMENT,
  } as const;
  const { settings } = page;
  return (
    <section className="card stack" aria-labelledby="settings-h">
      <h2 id="settings-h">{t("prizes.settings.title")}</h2>
      {page.settingsEditable ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="settings" />
          <div className="field">
            <label htmlFor={fields.awardsPrizes.id}>
              <input {...getInputProps(fields.awardsPrizes, { type: "checkbox" })} key={fields.awardsPrizes.key} />{" "}
              {t("prizes.settings.awardsPrizes")}
            </label>
            <ErrorList id={fields.awardsPrizes.errorId} errors={fields.awardsPrizes.errors} />
          </div>
          <div className="grid-3">
            {PRIZE_TIERS.map((tier) => {
              const f = quotaFields[tier];
              return (
                <div className="field" key={tier}>
                  <label htmlFor={f.id}>{t("prizes.settings.quota", { tier: t(prizeLabelKey(tier)) })}</label>
                  <input
                    {...getInputProps(f, { type: "number" })}
                    key={f.key}
                    min={0}
                    max={PRIZE_QUOTA_MAX}
                    step={1}
                    inputMode="numeric"
                  />
                  <ErrorList id={f.errorId} errors={f.errors} />
                </div>
              );
            })}
          </div>
          <p className="hint">{t("prizes.settings.lockedNote")}</p>
          <div>
            <button type="submit" className="button">
              {t("prizes.settings.save")}
            </button>
          </div>
        </Form>
      ) : settings.awardsPrizes ? (
        <>
          <ul>
            {PRIZE_TIERS.filter((tier) => settings.quotas[tier] > 0).map((tier) => (
              <li key={tier}>
                {t("prizes.award.used", {
                  tier: t(prizeLabelKey(tier)),
                  used: page.awarded[tier],
                  quota: settings.quotas[tier],
                })}
              </li>
            ))}
          </ul>
          <p className="hint">{t("prizes.settings.lockedNote")}</p>
        </>
      ) : (
        <p>{t("prizes.settings.off")}</p>
      )}
    </section>
  );
}

function useColumns(page: Page, openHref: (entryId: string) => string): Column<PrizeEntry>[] {
  const t = useT();
  const locale = useLocale();
  return [
    {
      key: "entry",
      header: t("prizes.col.product"),
      primary: true,
      rowHeader: true,
      cell: (e) => (
        <>
          <strong>{e.entryCode ?? "—"}</strong> · {e.productName}
        </>
      ),
    },
    { key: "group", header: t("prizes.col.group"), half: true, cell: (e) => e.group },
    {
      key: "score",
      header: t("prizes.col.score"),
      num: true,
      cell: (e) => (e.finalScore === null ? "—" : formatPoints(e.finalScore, locale)),
    },
    {
      key: "prize",
      header: t("prizes.award.prize"),
      half: true,
      cell: (e) => (e.prize ? <span className="badge">{t(prizeLabelKey(e.prize))}</span> : t("prizes.none")),
    },
    {
      key: "vote",
      header: t("prizes.col.vote"),
      half: true,
      cell: (e) =>
        e.prizeVote
          ? t("prizes.col.voteCell", {
              for: e.prizeVote.votesFor,
              against: e.prizeVote.votesAgainst,
              abstain: e.prizeVote.votesAbstain,
            })
          : "—",
    },
    {
      key: "actions",
      header: t("common.actions"),
      cell: (e) =>
        page.canAward ? (
          <Link to={openHref(e.entryId)}>
            {t("prizes.award.open")}
            <span className="sr-only"> {e.entryCode ?? e.productName}</span>
          </Link>
        ) : (
          "—"
        ),
    },
  ];
}

function AwardSection({ page, reply }: { page: Page; reply?: ActionReply }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const hrefWith = (entry: string | null) => {
    const params = new URLSearchParams(searchParams);
    if (entry) params.set("entry", entry);
    else params.delete("entry");
    return pageSearch(params, page.paging.page) || "?";
  };
  const columns = useColumns(page, (entryId) => `${hrefWith(entryId)}#award`);
  const open = page.openEntry;
  return (
    <section className="stack" aria-labelledby="award-h">
      <h2 id="award-h">{t("prizes.award.title")}</h2>
      {!page.round.finalised ? (
        <p className="notice notice-info">{t("prizes.award.notFinalised")}</p>
      ) : page.entries.length === 0 ? (
        <p className="muted">{t("prizes.award.none")}</p>
      ) : (
        <>
          {page.locked ? <p className="notice notice-info">{t("prizes.award.locked")}</p> : null}
          <FilterBar label={t("prizes.filter.label")} active={page.prizeFilter ? 1 : 0}>
            <div className="field">
              <label htmlFor="prize">{t("prizes.award.prize")}</label>
              <select id="prize" name="prize" defaultValue={page.prizeFilter ?? ""}>
                <option value="">{t("prizes.filter.all", { count: page.entries.length })}</option>
                {PRIZE_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {t("prizes.filter.one", {
                      prize: t(f === "NONE" ? "prizes.none" : prizeLabelKey(f)),
                      count: page.counts[f],
                    })}
                  </option>
                ))}
              </select>
            </div>
          </FilterBar>
          <DataTable
            columns={columns}
            rows={page.rows}
            rowKey={(e) => e.entryId}
            caption={t("prizes.award.title")}
            hideCaption
            empty={t("prizes.filter.empty")}
            paging={page.paging}
          />
          {open && page.canAward ? (
            <section className="card stack" id="award" aria-labelledby="award-entry-h">
              <h3 id="award-entry-h">
                {open.entryCode ?? "—"} · {open.productName}
              </h3>
              <p>
                {open.prize && open.prizeVote
                  ? t("prizes.award.current", {
                      prize: t(prizeLabelKey(open.prize)),
                      for: open.prizeVote.votesFor,
                      against: open.prizeVote.votesAgainst,
                      abstain: open.prizeVote.votesAbstain,
                    })
                  : t("prizes.none")}
              </p>
              <AwardForm
                key={open.entryId}
                page={page}
                entry={open}
                reply={reply?.form === `award-${open.entryId}` ? reply : undefined}
              />
              <BackLink to={hrefWith(null)}>{t("prizes.award.back")}</BackLink>
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}

function AwardForm({ page, entry, reply }: { page: Page; entry: PrizeEntry; reply?: ActionReply }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `award-${entry.entryId}`,
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(PrizeAwardSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrizeAwardSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      prize: entry.prize ?? "NONE",
      votesFor: entry.prizeVote ? String(entry.prizeVote.votesFor) : "",
      votesAgainst: entry.prizeVote ? String(entry.prizeVote.votesAgainst) : "",
      votesAbstain: entry.prizeVote ? String(entry.prizeVote.votesAbstain) : "",
    },
  });
  const offered = PRIZE_TIERS.filter((tier) => page.settings.quotas[tier] > 0 || entry.prize === tier);
  const counts = [
    ["votesFor", fields.votesFor],
    ["votesAgainst", fields.votesAgainst],
    ["votesAbstain", fields.votesAbstain],
  ] as const;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="award" />
      <input type="hidden" name="entryId" value={entry.entryId} />
      <div className="field">
        <label htmlFor={fields.prize.id}>{t("prizes.award.prize")}</label>
        <select {...getSelectProps(fields.prize)} key={fields.prize.key}>
          <option value="NONE">{t("prizes.none")}</option>
          {offered.map((tier) => (
            <option key={tier} value={tier}>
              {t(prizeLabelKey(tier))}
            </option>
          ))}
        </select>
        <ErrorList id={fields.prize.errorId} errors={fields.prize.errors} />
      </div>
      <fieldset className="stack">
        <legend>{t("prizes.award.present", { present: entry.membersPresent })}</legend>
        <div className="grid-3">
          {counts.map(([name, f]) => (
            <div className="field" key={name}>
              <label htmlFor={f.id}>{t(`prizes.award.${name}`)}</label>
              <input
                {...getInputProps(f, { type: "number" })}
                key={f.key}
                min={0}
                max={entry.membersPresent}
                step={1}
                inputMode="numeric"
              />
              <ErrorList id={f.errorId} errors={f.errors} />
            </div>
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button button-small">
          {t("prizes.award.save")}
        </button>
      </div>
    </Form>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
