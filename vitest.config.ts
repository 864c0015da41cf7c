import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: "UTC" },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/server-only-shim.ts"],
          hookTimeout: 120_000,
          testTimeout: 60_000,
          // Two cores: two forks keep PGlite start-up overlapping without starving the machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
