import { Link, useSearchParams } from "@remix-run/react";
import { pageSearch } from "~/utils/paging";
import { useT } from "~/utils/i18n";

/** Previous/next links that keep the list's filters, "Trang x/y" and the total count. */
export function Pagination({ page, pages, total }: { page: number; pages: number; total: number }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  return (
    <nav className="pagination" aria-label={t("common.pagination")}>
      {page > 1 ? (
        <Link to={{ search: pageSearch(searchParams, page - 1) }} rel="prev">
          ← {t("common.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("common.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={{ search: pageSearch(searchParams, page + 1) }} rel="next">
          {t("common.next")} →
        </Link>
      ) : null}
      <span className="muted">{t("common.total", { count: total })}</span>
    </nav>
  );
}
