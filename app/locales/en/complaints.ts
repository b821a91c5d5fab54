import type { complaints as vi } from "../vi/complaints";

export const complaints: Record<keyof typeof vi, string> = {
};
