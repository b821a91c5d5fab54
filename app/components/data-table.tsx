// The admin pages' tables, one way (decision 032). On a wide screen a plain table inside a
// scrollable region that keyboard users can focus and scroll (tabIndex, role=region, named by the
// caption). Under 40rem (app/styles/app.css, .table-stack) each row becomes a card and each cell
// shows its column's name above the value, so a 16-column ranking reads top to bottom on a
// phone with no sideways scrolling. Server-rendered, no client JavaScript.
import { Form } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { Pagination } from "~/components/pagination";
import { useT } from "~/utils/i18n";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** The name shown above the value on a phone; the header when it is text. Empty: none. */
  label?: string;
  cell: (row: Row, index: number) => ReactNode;
  /** A number: right-aligned on a wide screen, half a line on a phone. */
  num?: boolean;
  /** A short value (a rank, a code, yes/no): half a line on a phone. */
  half?: boolean;
  /** The row's title: first on the card, no label; a row header (th scope=row) when asked. */
  primary?: boolean;
  rowHeader?: boolean;
  className?: string;
  /** The column's cell in the table's footer row (a total); the title column's is the row's name. */
  footer?: ReactNode;
}

export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Names the table and its scrollable region. */
  caption: ReactNode;
  /** Keep the caption for screen readers only (when a heading above already says it). */
  hideCaption?: boolean;
  /** What to say instead of the table when there are no rows; without it an empty table shows. */
  empty?: ReactNode;
  className?: string;
  /** A paged list: previous/next links under the table (kept when the list is empty). */
  paging?: { page: number; pages: number; total: number };
}

function classes(...names: Array<string | false | undefined>) {
  return names.filter(Boolean).join(" ") || undefined;
}

export function DataTable<Row>({ paging, ...props }: DataTableProps<Row>) {
  if (!paging) return <Table {...props} />;
  return (
    <>
      <Table {...props} />
      <Pagination page={paging.page} pages={paging.pages} total={paging.total} />
    </>
  );
}

/** A cell's column name on a phone (data-label) and its classes, the same in the body and the footer. */
function cellProps<Row>(c: Column<Row>) {
  const label = c.primary ? undefined : (c.label ?? (typeof c.header === "string" ? c.header : undefined));
  return {
    "data-label": label || undefined,
    className: classes(c.num && "num", c.half && "cell-half", c.primary && "cell-primary", c.className),
  };
}

function BodyCell<Row>({ column, children }: { column: Column<Row>; children: ReactNode }) {
  const props = cellProps(column);
  return column.rowHeader ? (
    <th scope="row" role="rowheader" {...props}>
      {children}
    </th>
  ) : (
    <td role="cell" {...props}>
      {children}
    </td>
  );
}

function Table<Row>({
  columns,
  rows,
  rowKey,
  caption,
  hideCaption,
  empty,
  className,
}: Omit<DataTableProps<Row>, "paging">) {
  const captionId = useId();
  if (rows.length === 0 && empty !== undefined) return <EmptyState>{empty}</EmptyState>;
  // A footer row (totals) when a column has one: on a phone it is one more card, labelled alike.
  const footer = columns.some((c) => c.footer !== undefined);
  return (
    // A region the keyboard can reach: on a wide screen a long table scrolls sideways inside it.
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      {/* Explicit roles: a table restyled as blocks on a phone keeps its table semantics. */}
      <table className={classes("table-stack", className)} role="table">
        <caption id={captionId} className={hideCaption ? "sr-only" : undefined}>
          {caption}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((c) => (
              <th key={c.key} scope="col" role="columnheader" className={c.num ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row, i) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((c) => (
                <BodyCell key={c.key} column={c}>
                  {c.cell(row, i)}
                </BodyCell>
              ))}
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot role="rowgroup">
            <tr role="row">
              {columns.map((c) =>
                c.footer === undefined ? (
                  // Nothing to total: an empty cell on a wide screen, no line on a phone.
                  <td key={c.key} role="cell" className="cell-empty" />
                ) : (
                  <BodyCell key={c.key} column={c}>
                    {c.footer}
                  </BodyCell>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/**
 * The filter bar over an admin list: a GET form (shareable URL, works without JavaScript) inside a
 * <details>. On a phone it is one button, "Bộ lọc", that says how many filters are in use and opens
 * by itself when some are; on a wide screen (app/styles/app.css, .filter-bar) the button is hidden
 * and the fields always show. `active` counts the filters in use.
 */
export function FilterBar({
  label,
  submit,
  active = 0,
  children,
}: {
  label: string;
  submit?: string;
  active?: number;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <details className="filter-bar" open={active > 0 || undefined}>
      <summary>
        {t("common.filters")}
        {active > 0 ? <span className="badge">{t("common.filtersActive", { count: active })}</span> : null}
      </summary>
      <Form method="get" className="filters" role="search" aria-label={label}>
        {children}
        <button type="submit" className="button">
          {submit ?? t("common.filter")}
        </button>
      </Form>
    </details>
  );
}

/** How many of a list's filters are in use (a non-empty value), for FilterBar's `active`. */
export function countActive(filters: Record<string, unknown>): number {
  return Object.values(filters).filter((v) => v !== undefined && v !== null && v !== "").length;
}

/** The empty state of a list, one wording for every admin list unless the page has its own. */
export function EmptyState({ children }: { children?: ReactNode }) {
  const t = useT();
  return <p className="muted empty-state">{children ?? t("common.empty")}</p>;
}
