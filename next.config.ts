import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // PGlite cannot be bundled by webpack/turbopack; exceljs bundled prints a Buffer deprecation.
  serverExternalPackages: ["@electric-sql/pglite", "exceljs", "@node-rs/argon2", "postgres", "pdfkit"],
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the whole repo) runs in CI before the build; checking twice costs ~15 s.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // A cold CI build pays 15-25 s for the cache and never reuses it.
    turbopackFileSystemCacheForBuild: false,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
