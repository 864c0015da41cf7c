import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate, LoginError } from "@/server/services/auth/authenticate";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded) return forwarded.split(",")[0].trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" ? real : null;
}

/**
 * next-auth v4 with credentials and JWT sessions. The token carries only the user id and a session version;
 * role, institution and status are read from the database on every request (server/auth/session.ts), so a
 * deactivated or re-roled user loses access at the next request.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").slice(0, 200);
        const password = String(credentials?.password ?? "").slice(0, 200);
        if (!username || !password) throw new Error("INVALID_CREDENTIALS");
        try {
          const user = await authenticate(username, password, { ip: clientIp(req?.headers as Record<string, unknown>) });
          return { id: user.id, name: user.displayName, sv: user.sessionVersion, locale: user.locale };
        } catch (e) {
          // The message becomes the `error` code returned to the login form, which translates it.
          if (e instanceof LoginError) throw new Error(e.reason);
          console.error("login failed unexpectedly", e);
          throw new Error("LOGIN_UNAVAILABLE");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sv?: number }).sv;
        token.locale = (user as { locale?: string }).locale;
      }
      return token;
    },
    async session({ session, token }) {
      // Only identifiers: role, institution and status are re-read from the database by the server.
      return { ...session, user: { name: session.user?.name ?? null }, uid: token.uid, sv: token.sv } as typeof session;
    },
  },
};
