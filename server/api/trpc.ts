import "server-only";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { can, type Permission } from "@/server/domain/authz/permissions";
import { DomainError } from "@/server/domain/errors";
import type { CurrentUser } from "@/server/auth/session";
import { recordDenied } from "@/server/services/auth/record-denied";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/components/i18n/translate";
import { formatError, toTrpcError } from "./error-map";

export interface TrpcContext {
  user: CurrentUser | null;
  locale: Locale;
  ip: string | null;
}

export function localeFromHeaders(headers: Headers): Locale {
  const cookie = headers.get("cookie") ?? "";
  const m = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(\\w+)`));
  if (m && isLocale(m[1])) return m[1];
  return /^en\b/i.test((headers.get("accept-language") ?? "").trim()) ? "en" : "zh";
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const { message, data } = formatError(error, ctx?.locale ?? "zh");
    // Drop the default data (it carries the stack in development) and keep only what the UI needs.
    return { code: shape.code, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Every procedure maps domain errors to transport errors in one place and hides unknown ones. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    // Input validation errors carry the zod cause; keep them as tRPC created them (and log nothing).
    if (result.error.code === "BAD_REQUEST" && !(result.error.cause instanceof DomainError)) return result;
    const mapped = toTrpcError(result.error.cause ?? result.error);
    return { ...result, error: mapped } as typeof result;
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new DomainError("UNAUTHENTICATED");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** The one way to guard a procedure: a permission from the table in server/domain/authz. */
export function permissionProcedure(permission: Permission) {
  return authedProcedure.use(async ({ ctx, next, path }) => {
    if (!can(ctx.user.role, permission)) {
      await recordDenied(ctx.user, permission, `trpc:${path}`);
      throw new DomainError("FORBIDDEN");
    }
    return next();
  });
}
