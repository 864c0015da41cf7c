/** Builds the URL of another database on the same PostgreSQL server as `base`. */
export function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
