// A horizontal bar chart rendered on the server: no client JavaScript, no inline styles (the CSP
// allows none). Each bar is a small SVG whose rectangles are sized by attributes, stacked by
// segment. The bars are a picture for the eye (aria-hidden); the same numbers are in a real table
// right below, which is what screen readers and keyboard users read. Colours are never the only
// cue: the table names every segment.
import { useId } from "react";
import { TableWrap } from "~/components/table-wrap";

export interface BarSegment {
  /** Column heading in the table and legend text. */
  label: string;
  /** CSS class giving the colour (see app/styles/register.css: bar-valid, bar-expired, bar-revoked). */
  className: string;
}

export interface BarRow {
  key: string;
  label: string;
  /** Where the row's label links to in the table (e.g. the list filtered to it). */
  href?: string;
  /** One value per segment, in the order of `segments`. */
  values: number[];
}

export interface BarChartProps {
  title: string;
  /** Heading of the first table column ("Tỉnh, thành phố"). */
  labelHeader: string;
  totalHeader: string;
  segments: BarSegment[];
  rows: BarRow[];
  /** Text of the table's caption; defaults to the title. */
  tableCaption?: string;
  legendLabel: string;
  note?: string;
  headingLevel?: 2 | 3;
}

const fmt = new Intl.NumberFormat("vi-VN");

export function BarChart({
  title,
  labelHeader,
  totalHeader,
  segments,
  rows,
  tableCaption,
  legendLabel,
  note,
  headingLevel = 2,
}: BarChartProps) {
  const id = useId();
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="bar-chart" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      {note ? <p className="muted">{note}</p> : null}
      <div className="bar-chart-body">
        <div className="bar-chart-bars" aria-hidden="true">
          {segments.length > 1 ? (
            <p className="bar-legend">
              <span className="sr-only">{legendLabel}: </span>
              {segments.map((s) => (
                <span key={s.label} className="bar-legend-item">
                  <svg className="bar-swatch" viewBox="0 0 10 10" focusable="false">
                    <rect className={s.className} x="0" y="0" width="10" height="10" />
                  </svg>
                  {s.label}
                </span>
              ))}
            </p>
          ) : null}
          <ul className="bar-list">
            {rows.map((r, i) => {
              let x = 0;
              return (
                <li key={r.key} className="bar-item">
                  <span className="bar-label">{r.label}</span>
                  <svg className="bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                    {r.values.map((v, k) => {
                      const width = (v / max) * 100;
                      const rect =
                        width > 0 ? (
                          <rect key={k} className={segments[k]?.className} x={x} y="0" width={width} height="10" />
                        ) : null;
                      x += width;
                      return rect;
                    })}
                  </svg>
                  <span className="bar-value">{fmt.format(totals[i] ?? 0)}</span>
                </li>
              );
            })}
          </ul>
        </div>
        <TableWrap label={tableCaption ?? title}>
          <table className="bar-table">
            <caption id={`${id}-caption`} className="sr-only">
              {tableCaption ?? title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                {segments.map((s) => (
                  <th key={s.label} scope="col" className="num">
                    {s.label}
                  </th>
                ))}
                {segments.length > 1 ? (
                  <th scope="col" className="num">
                    {totalHeader}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
                  {r.values.map((v, k) => (
                    <td key={k} className="num">
                      {fmt.format(v)}
                    </td>
                  ))}
                  {segments.length > 1 ? <td className="num">{fmt.format(totals[i] ?? 0)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </section>
  );
}
