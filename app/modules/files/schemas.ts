import { z } from "zod";

/** StoredFile ids are cuids; anything else in a /files/… URL is a 404. */
export const FileIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/);
