import { linkParts } from "~/modules/mail/mail-format";

/** Plain text with its web addresses as links (a mail body in /admin/outbox), line breaks kept. */
export function LinkedText({ text, className }: { text: string; className?: string }) {
  return (
    <pre className={className}>
      {linkParts(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} rel="noreferrer noopener" target="_blank">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </pre>
  );
}
