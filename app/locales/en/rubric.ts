import type { rubric as vi } from "../vi/rubric";

export const rubric: Record<keyof typeof vi, string> = {
};
