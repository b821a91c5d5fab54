import type { results as vi } from "../vi/results";

export const results: Record<keyof typeof vi, string> = {
  "results.finalised.locked": "The results are finalised: judging cannot be reopened nor a result changed, except through a recorded complaint decision.",
  "results.finalise.required": "Finalise the results before publishing them.",
};
