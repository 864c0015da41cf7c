import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/session";
import { homeFor } from "@/server/domain/authz/menu";

export const dynamic = "force-dynamic";

/** The start page sends each user to the home of their role. */
export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? homeFor(user.role) : "/login");
}
