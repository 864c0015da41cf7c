import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listHandlingInstitutions } from "@/server/data/registration";
import { setUserLocale } from "@/server/data/users";
import { registerApplicant } from "@/server/services/registration/register-applicant";
import { authedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  handlingInstitutions: publicProcedure
    .output(z.array(z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string(), level: z.number() })))
    .query(() => listHandlingInstitutions(getDb())),
  // The input is validated inside the service with the shared schema, so field errors come back translated.
  register: publicProcedure
    .input(z.record(z.string(), z.unknown()))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ input, ctx }) => {
      await registerApplicant(input, { ip: ctx.ip, locale: ctx.locale });
      return { ok: true as const };
    }),
  setLocale: authedProcedure.input(z.object({ locale: z.enum(["zh", "en"]) })).mutation(async ({ input, ctx }) => {
    await setUserLocale(getDb(), ctx.user.id, input.locale);
    return { ok: true };
  }),
});
