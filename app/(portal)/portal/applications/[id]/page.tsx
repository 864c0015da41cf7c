import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/guards";
import { ApplicationView } from "@/components/ratings/application-view";

export const dynamic = "force-dynamic";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PortalApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("portal.readOwn", `/portal/applications/${id}`);
  if (!UUID.test(id)) notFound();
  return <ApplicationView id={id} area="portal" />;
}
