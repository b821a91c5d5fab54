import type { admin as vi } from "../vi/admin";

export const admin: Record<keyof typeof vi, string> = {
  "admin.title": "Administration",
};
