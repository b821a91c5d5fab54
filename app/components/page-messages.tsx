import { PAGE_MESSAGES_ID, usePageMessages } from "~/utils/i18n";

/**
 * The page's translations (active language, the namespaces its routes need) as inline JSON that
 * the browser's i18n reads at start (decision 015). A data block, not a script: CSP does not apply.
 */
export function PageMessages() {
  const json = usePageMessages();
  return (
    <script
      id={PAGE_MESSAGES_ID}
      type="application/json"
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
