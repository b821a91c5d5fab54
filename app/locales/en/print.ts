import type { print as vi } from "../vi/print";

export const print: Record<keyof typeof vi, string> = {
};
