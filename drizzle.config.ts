import { defineConfig } from "drizzle-kit";

// Only used to generate SQL migrations from db/schema; they are applied by scripts/migrate.ts
// and at server start, identically on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  strict: true,
});
