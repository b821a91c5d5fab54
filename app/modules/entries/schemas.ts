import { z } from "zod";
import { registrationNumberProblem } from "~/modules/producers/rules";

export const ScreeningFiltersSchema = z.object({
  group: z.enum(["A", "B", "C", "D"]).optional().catch(undefined),
  status: z.enum(["SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED", "WITHDRAWN"]).optional().catch(undefined),
  commune: z
    .string()
    .trim()
    .max(120)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

export const IdParam = z.string().regex(/^[a-z0-9]{20,40}$/);

export const ScreenSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({
    intent: z.enum(["return", "reject"]),
    reason: z.string({ error: "entries.error.reasonRequired" }).trim().min(5, "entries.error.reasonRequired").max(2000),
  }),
]);

export const ExportFormat = z.enum(["xlsx", "csv"]);

const req = (max: number) =>
  z.string({ error: "entries.onBehalf.required" }).trim().min(1, "entries.onBehalf.required").max(max);
const opt = (max: number) => z.string().trim().max(max).optional();

export const OnBehalfSchema = z
  .object({
    producerEmail: z.string({ error: "auth.email.required" }).trim().email("auth.email.invalid").max(254),
    producerName: req(120),
    legalForm: z.enum(["SME", "COOPERATIVE", "COOP_GROUP", "HOUSEHOLD"], { error: "entries.onBehalf.required" }),
    establishmentName: req(200),
    registrationNumber: z.string({ error: "entries.onBehalf.required" }).trim().max(40),
    commune: opt(120),
    addressLine: opt(300),
    phone: opt(30),
    legalRepresentative: opt(120),
    productName: req(200),
    group: z.enum(["A", "B", "C", "D"], { error: "entries.onBehalf.required" }),
    description: req(5000),
  })
  // The same registration-number rules as the producer's own form (one rule, one place).
  .superRefine((v, ctx) => {
    const problem = registrationNumberProblem(v.legalForm, v.registrationNumber);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        path: ["registrationNumber"],
        message: problem === "required" ? "entries.onBehalf.required" : `producers.error.registrationNumber.${problem}`,
      });
    }
  });
