// The small WebP version of a photo (PDFs have none: 404). Same access rule as the file itself.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/modules/auth/auth.server";
import { findReadableFile } from "~/modules/files/access.server";
import { FileIdSchema } from "~/modules/files/schemas";
import { fileErrorResponse, fileResponse } from "~/modules/files/serve.server";
import { DomainError } from "~/utils/errors";

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const id = FileIdSchema.safeParse(params.id);
    if (!id.success) throw new DomainError(404, "files.error.notFound");
    const file = await findReadableFile(await getAuth(request), id.data);
    return await fileResponse(request, file, "thumbnail");
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
