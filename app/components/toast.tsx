import type { Toast } from "~/utils/toast.server";
import { useT } from "~/utils/i18n";

export function ToastMessage({ toast }: { toast: Toast }) {
  const t = useT();
  return (
    <div className={`notice notice-${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      {t(toast.messageKey, toast.params)}
    </div>
  );
}
