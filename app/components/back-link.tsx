import type { ReactNode } from "react";
import { Link } from "@remix-run/react";

/**
 * The "← back to …" link at the top of a page. The arrow is decoration (a screen reader would read
 * "left arrow"), so it is hidden from assistive technology; the link's name is the place it leads
 * to. Tall enough to tap (WCAG 2.5.8), the same on every page.
 */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link-line">
      <Link to={to} className="back-link">
        <span aria-hidden="true">←</span> {children}
      </Link>
    </p>
  );
}
