import type { register as vi } from "../vi/register";

export const register: Record<keyof typeof vi, string> = {
};
