import type { jury as vi } from "../vi/jury";

export const jury: Record<keyof typeof vi, string> = {
  "jury.declaration.required": "Complete your conflict-of-interest declaration before opening any dossier.",
};
