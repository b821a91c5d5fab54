// Forms of the invitation flow: one zod schema per form, shared by Conform in the browser and
// the server. Messages are translation keys (see app/locales).
import { z } from "zod";
import type { Scope } from "~/modules/access/permissions";
import { PASSWORD_MAX, passwordProblem } from "~/modules/auth/password-policy";
import { INVITE_LEVELS, type InviteLevel } from "./scope";

const id = z.string().trim().max(100);

export const InviteSchema = z
  .object({
    email: z.string({ error: "auth.email.required" }).trim().max(254, "auth.email.invalid").email("auth.email.invalid"),
    level: z.enum(INVITE_LEVELS, { error: "admin.invite.level.required" }),
    regionId: id.optional(),
    provinceId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.level === "REGION" && !v.regionId)
      ctx.addIssue({ code: "custom", path: ["regionId"], message: "admin.invite.region.required" });
    if (v.level === "PROVINCE" && !v.provinceId)
      ctx.addIssue({ code: "custom", path: ["provinceId"], message: "admin.invite.province.required" });
  });

/**
 * Without JavaScript every select is on the page, so a person may pick a region and then choose
 * the province level: only the select that matches the level counts.
 */
export function scopeFromForm(v: {
  level: InviteLevel;
  regionId?: string;
  provinceId?: string;
}): Scope & { level: InviteLevel } {
  return {
    level: v.level,
    regionId: v.level === "REGION" ? (v.regionId ?? null) : null,
    provinceId: v.level === "PROVINCE" ? (v.provinceId ?? null) : null,
  };
}

export const RevokeInvitationSchema = z.object({ invitationId: id.min(1) });

export const AcceptInvitationSchema = z
  .object({
    name: z.string({ error: "auth.name.required" }).trim().min(2, "auth.name.tooShort").max(120, "auth.name.tooLong"),
    password: z.string({ error: "auth.password.required" }).max(PASSWORD_MAX, "auth.password.tooLong"),
    confirmPassword: z.string({ error: "auth.password.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth.password.mismatch" });

/** With the password policy, so the browser reports it before submitting (the server re-checks). */
export function acceptInvitationFormSchema(email?: string) {
  return AcceptInvitationSchema.superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
}
