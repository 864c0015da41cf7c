import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside the React server runtime; tests import server modules directly.
  "server-only": path.resolve(import.meta.dirname, "tests/setup/stubs/server-only.ts"),
};

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
