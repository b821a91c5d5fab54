// One zod schema per form, shared by Conform in the browser and the server.
// Messages are translation keys (see app/locales).
import { z } from "zod";
import { PASSWORD_MAX } from "./password-policy";

const email = z
  .string({ error: "auth.email.required" })
  .trim()
  .max(254, "auth.email.invalid")
  .email("auth.email.invalid");

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "auth.password.required" }).max(PASSWORD_MAX, "auth.password.tooLong"),
  redirectTo: z.string().optional(),
});

const newPassword = z.string({ error: "auth.password.required" });

export const SignupSchema = z
  .object({
    name: z.string({ error: "auth.name.required" }).trim().min(2, "auth.name.tooShort").max(120, "auth.name.tooLong"),
    email,
    password: newPassword,
    confirmPassword: z.string({ error: "auth.password.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth.password.mismatch" });

export const ForgotPasswordSchema = z.object({ email });
export const ResendVerificationSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string({ error: "auth.password.required" }) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth.password.mismatch" });

export const ProfileSchema = z.object({
  name: z.string({ error: "auth.name.required" }).trim().min(2, "auth.name.tooShort").max(120, "auth.name.tooLong"),
  locale: z.enum(["vi", "en"]),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "auth.password.required" }),
    newPassword,
    confirmPassword: z.string({ error: "auth.password.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "auth.password.mismatch" });
