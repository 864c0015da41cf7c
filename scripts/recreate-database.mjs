// node scripts/recreate-database.mjs <admin-url> <name>: drops and creates a database (tests and e2e only).
import postgres from "postgres";

const [adminUrl, name] = process.argv.slice(2);
if (!/^crp_[a-z0-9_]+$/.test(name ?? "")) throw new Error("refusing to recreate a database not named crp_*");
const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await sql.unsafe(`CREATE DATABASE "${name}"`);
await sql.end();
