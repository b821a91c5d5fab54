// Blind judging (issue #10, finding 3): judges of a blind round never see the name a producer gave
// a file ("HTX-Vai-thieu-Luc-Ngan-giay-chung-nhan.pdf" names the producer). They see a neutral
// name made of the entry code, the kind of document and its number among the dossier's files of
// that kind, in the list of the score-sheet page and in the download's Content-Disposition alike.
import type { MessageKey, TFunction } from "~/utils/i18n";

interface DossierFileRef {
  id: string;
  kind: string;
}

/**
 * 1-based number of a file among the files of its kind in the frozen dossier, in the dossier's
 * order (upload time). Counted over the whole frozen dossier, so the number of a file does not
 * change when an organiser hides another one from judges. 0 when the file is not in it.
 */
export function fileNumberInDossier(files: readonly DossierFileRef[], fileId: string): number {
  const file = files.find((f) => f.id === fileId);
  if (!file) return 0;
  return files.filter((f) => f.kind === file.kind).findIndex((f) => f.id === fileId) + 1;
}

/** "BN-2026-B-003 - Chứng nhận chất lượng 1" (no extension: the caller adds the real one). */
export function neutralFileName(t: TFunction, file: { entryCode: string; kind: string; number: number }): string {
  return t("files.neutralName", {
    code: file.entryCode,
    kind: t(`dossier.kind.${file.kind}` as MessageKey),
    n: file.number,
  });
}
