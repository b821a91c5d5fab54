// One uploaded file that is not a photo or PDF (a ZIP package, an Excel list), read from a
// multipart form with a size limit counted while it arrives: files/upload.server.ts takes only
// the dossier's types, by design.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { DomainError } from "~/utils/errors";

const MB = 1024 * 1024;

export interface OneUpload {
  formData: FormData;
  bytes: Buffer | null;
}

/** The form's text fields and the bytes of the file in `field` (null when none was chosen). */
export async function readOneUpload(request: Request, field: string, maxMb: number): Promise<OneUpload> {
  let bytes: Buffer | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxMb * MB) throw new DomainError(400, "exchange.error.tooLarge", { max: maxMb });
      chunks.push(chunk);
    }
    const value = Buffer.concat(chunks, size);
    if (filename === undefined) return value.toString("utf8");
    if (name === field && size > 0) bytes = value;
    return undefined;
  };
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) throw new DomainError(400, "exchange.error.fileRequired");
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, bytes };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(400, "files.error.malformed");
  }
}
