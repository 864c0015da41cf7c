import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and the start script; reveals nothing else. */
export async function GET() {
  const handle = getDbHandle();
  try {
    await handle.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: handle.kind });
  } catch {
    return Response.json({ status: "error", database: handle.kind }, { status: 503 });
  }
}
