// Administration pages (invitations, users, outbox, audit log, administrative units).
export const admin = {
  "admin.title": "Quản trị",
} as const;
