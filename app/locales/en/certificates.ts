import type { certificates as vi } from "../vi/certificates";

export const certificates: Record<keyof typeof vi, string> = {
};
