import type { files as vi } from "../vi/files";

export const files: Record<keyof typeof vi, string> = {
  "files.error.tooLarge":
    "File “{name}” is larger than the {max} MB limit. Please choose a smaller file (photos: a lower resolution; PDFs: scan at a lower resolution).",
  "files.error.empty": "File “{name}” is empty (0 bytes). Please choose the right file again.",
  "files.error.badName":
    "File name “{name}” is not valid: a file name may not contain a path (such as ../ or /). Rename the file and upload it again.",
  "files.error.type":
    "File “{name}” is not in an allowed format ({allowed}). The system checks the file's content, not the extension in its name.",
  "files.error.tooManyPixels":
    "The image “{name}” is too large: {width} × {height} pixels (about {mp} megapixels), over the {max} megapixel limit. Take the photo at a lower resolution or shrink it, then upload it.",
  "files.error.unreadable":
    "Could not read the image “{name}”: the file is damaged or the image is too large. Take or save the photo again and upload it.",
  "files.error.tooMany": "At most {max} files can be uploaded at a time.",
  "files.error.malformed": "The upload could not be read. Please try sending it again.",
  "files.error.notFound": "This file was not found. The link may be wrong.",
  "files.error.loginRequired": "Please log in to view this file.",
  "files.error.forbidden":
    "You may not view this file. Dossier files can only be opened by the establishment that owns them and by the organisers of a round the dossier is entered in.",
  "files.error.noThumbnail": "This file has no thumbnail.",
  "files.error.missing": "This file is currently missing from storage. Please tell the system administrator.",
  "files.neutralName": "{code} - {kind} {n}",
  "files.error.cannotAnonymise":
    "The producer's details cannot be removed from this PDF (it is encrypted or damaged), so it cannot be given to judges of a blind round. Please tell the organisers so that they can replace it.",
  "files.hint.photo": "JPEG, PNG or WebP photos, up to {max} MB each. Location data (GPS) in photos is removed.",
  "files.hint.document": "PDF files, up to {max} MB each.",
};
