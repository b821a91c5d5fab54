import type { nominations as vi } from "../vi/nominations";

export const nominations: Record<keyof typeof vi, string> = {
};
