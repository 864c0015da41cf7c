import { z } from "zod";
import { isValidIdNumber, isValidUscc } from "./identity";
import { passwordProblems } from "./password";

/**
 * The applicant registration form, shared by the browser form and the server (the server re-validates).
 * Messages are i18n keys; the UI and the API error formatter translate them.
 */
const base = {
  username: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9._-]{2,31}$/, "validation.username"),
  email: z.string().trim().max(254, "validation.tooLong").email("validation.email"),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, "validation.phone"),
  password: z.string().min(1, "validation.required").max(128, "password.tooLong"),
  passwordConfirm: z.string().min(1, "validation.required"),
  institutionId: z.coerce.number({ message: "validation.branch" }).int("validation.branch").positive("validation.branch"),
};

const enterprise = z.object({
  kind: z.literal("enterprise"),
  ...base,
  orgType: z.enum(["sme", "corporate", "public_institution"], { message: "validation.required" }),
  enterpriseName: z.string().trim().min(2, "validation.required").max(100, "validation.tooLong"),
  creditCode: z.string().trim().toUpperCase().refine(isValidUscc, "validation.uscc"),
  contactName: z.string().trim().min(1, "validation.required").max(50, "validation.tooLong"),
});

const individual = z.object({
  kind: z.literal("individual"),
  ...base,
  fullName: z.string().trim().min(1, "validation.required").max(50, "validation.tooLong"),
  idNumber: z.string().trim().toUpperCase().refine((v) => isValidIdNumber(v), "validation.idNumber"),
});

export const registrationSchema = z
  .discriminatedUnion("kind", [enterprise, individual])
  .superRefine((v, ctx) => {
    for (const problem of passwordProblems(v.password, v.username)) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (v.password !== v.passwordConfirm) ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "validation.passwordMismatch" });
  });

export type RegistrationInput = z.input<typeof registrationSchema>;
export type Registration = z.output<typeof registrationSchema>;
