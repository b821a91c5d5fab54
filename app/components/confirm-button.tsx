import { useState, type ReactNode } from "react";
import { useT } from "~/utils/i18n";

/**
 * A submit button that asks for confirmation before an irreversible step. With JavaScript a
 * second click confirms (no blocking dialog); without JavaScript the form's server-side check
 * is the only gate, so irreversible actions must also be safe to repeat.
 */
export function ConfirmButton({
  children,
  confirmText,
  className,
  name,
  value,
  disabled,
}: {
  children: ReactNode;
  confirmText: string;
  className?: string;
  /** Sent with the form by both the first and the confirming button (e.g. name="intent"). */
  name?: string;
  value?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="submit"
        name={name}
        value={value}
        className={className}
        disabled={disabled}
        onClick={(e) => {
          e.preventDefault();
          setAsking(true);
        }}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-live="polite">
      <span>{confirmText}</span>{" "}
      <button type="submit" name={name} value={value} className={className} autoFocus disabled={disabled}>
        {t("common.confirm")}
      </button>{" "}
      <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
