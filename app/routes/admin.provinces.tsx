import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isAdmin } from "~/modules/access/permissions";
import { changeProvinceRegion, loadAdminUnits } from "~/modules/admin/provinces.server";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDate } from "~/utils/dates";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useLocale, useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";
import { DataTable, type Column } from "~/components/data-table";

const id = z.string().trim().min(1).max(100);
const SetRegionSchema = z.object({ provinceId: id, regionId: id });

export const meta = titleMeta("admin.provinces.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!isAdmin(auth.roles)) throwForbidden();
  return mapDomainErrors(() => loadAdminUnits(auth));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!isAdmin(auth.roles)) throwForbidden();
  const formData = await request.formData();
  const input = parseParams(SetRegionSchema, {
    provinceId: formData.get("provinceId"),
    regionId: formData.get("regionId"),
  });
  const changed = await mapDomainErrors(() => changeProvinceRegion(auth, input, requestMeta(request, context)));
  return redirectWithToast("/admin/provinces", {
    kind: changed ? "success" : "info",
    messageKey: changed ? "admin.provinces.saved" : "admin.provinces.unchanged",
  });
}

type Units = Awaited<ReturnType<typeof loader>>;
type Province = Units["unassigned"][number];
type Former = Units["former"][number];

export default function AdminProvinces() {
  const t = useT();
  const locale = useLocale();
  const { regions, unassigned, former } = useLoaderData<typeof loader>();
  const regionName = (r: { nameVi: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameVi);
  const groups = [
    ...regions.map((r) => ({ key: r.id, title: t("scope.region", { name: regionName(r) }), provinces: r.provinces })),
    ...(unassigned.length ? [{ key: "none", title: t("admin.provinces.noRegion"), provinces: unassigned }] : []),
  ];
  const provinceColumns: Column<Province>[] = [
    {
      key: "name",
      header: t("admin.provinces.name"),
      primary: true,
      cell: (p) => (
        <>
          {p.name}
          <br />
          <small className="muted">{p.code}</small>
        </>
      ),
    },
    {
      key: "region",
      header: t("admin.provinces.region"),
      cell: (p) => (
        <Form method="post" className="field stack">
          <select
            name="regionId"
            aria-label={t("admin.provinces.regionOf", { name: p.name })}
            defaultValue={p.regionId ?? ""}
            required
          >
            <option value="" disabled>
              {t("admin.invite.region.choose")}
            </option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {regionName(r)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small button-secondary">
            {t("common.save")}
          </button>
          <input type="hidden" name="provinceId" value={p.id} />
        </Form>
      ),
    },
  ];
  const formerColumns: Column<Former>[] = [
    { key: "name", header: t("admin.provinces.name"), primary: true, cell: (p) => p.name },
    { key: "code", header: t("admin.provinces.code"), half: true, cell: (p) => p.code },
    { key: "successor", header: t("admin.provinces.successor"), half: true, cell: (p) => p.successor?.name ?? "—" },
    {
      key: "validity",
      header: t("admin.provinces.validity"),
      cell: (p) => t("admin.provinces.validRange", { from: formatDate(p.validFrom), to: formatDate(p.validTo) }),
    },
  ];
  return (
    <div className="stack-lg">
      <div>
        <h1>{t("admin.provinces.title")}</h1>
        <p className="muted">{t("admin.provinces.intro")}</p>
      </div>
      {groups.map((g) => (
        <section key={g.key} className="card" aria-labelledby={`region-${g.key}`}>
          <h2 id={`region-${g.key}`}>
            {g.title} <span className="badge">{g.provinces.length}</span>
          </h2>
          <DataTable columns={provinceColumns} rows={g.provinces} rowKey={(p) => p.id} caption={g.title} hideCaption />
        </section>
      ))}
      <section className="card" aria-labelledby="former-h">
        <h2 id="former-h">{t("admin.provinces.former")}</h2>
        <p className="muted">{t("admin.provinces.formerIntro")}</p>
        <DataTable
          columns={formerColumns}
          rows={former}
          rowKey={(p) => p.id}
          caption={t("admin.provinces.former")}
          hideCaption
          empty={t("common.empty")}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
