import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports flow one way: app/components -> server/api -> services -> domain + data -> db.
const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["next", "next/*", "@trpc/*", "drizzle-orm", "drizzle-orm/*", "@/db/*", "@/server/data/*", "@/server/services/*", "postgres", "node:fs", "fs"], message: "server/domain is pure: no framework, database or I/O." },
      ] }],
    },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/**/page.tsx", "app/**/layout.tsx", "app/**/route.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/db/*", "@/server/data/*", "@/server/services/*"], message: "Client code reaches the server only through tRPC." },
      ] }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
