// Vitest runs outside React Server Components; `server-only` is aliased away in vitest.config.ts.
process.env.TZ = "UTC";
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
