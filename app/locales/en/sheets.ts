import type { sheets as vi } from "../vi/sheets";

export const sheets: Record<keyof typeof vi, string> = {
};
