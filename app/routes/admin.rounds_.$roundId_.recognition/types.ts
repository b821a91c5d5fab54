// The recognition page's data as its parts receive it, apart from the route module so that the
// parts need not import the route (no import cycles, decision 034).
import type { SubmissionResult } from "@conform-to/react";
import type { getRecognition } from "~/modules/certificates/certificates.server";

/** The loader's data once the round's results are final. */
export type Ready = Awaited<ReturnType<typeof getRecognition>> & { state: "ready"; scanMaxMb: number };

/** A refused POST: which form it belongs to, and Conform's reply or a message. */
export interface ActionReply {
  form: string;
  result: SubmissionResult<string[]> | null;
  message?: string | null;
}
