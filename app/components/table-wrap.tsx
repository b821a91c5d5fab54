import type { ReactNode } from "react";

/**
 * The box around a table that may be wider than a phone's screen (360 px): it scrolls sideways,
 * so it is a tab stop — keyboard users scroll it with the arrow keys (WCAG 2.1.1) — and a named
 * region, so a screen reader says what the focused box holds. `label` names the table (its
 * heading or caption text); it must differ between the tables of one page.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
