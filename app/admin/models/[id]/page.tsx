import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/guards";
import { ModelVersionView } from "@/components/admin/models/model-version-view";

export const dynamic = "force-dynamic";

export default async function AdminModelVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("admin.models", `/admin/models/${id}`);
  const versionId = Number(id);
  if (!Number.isInteger(versionId) || versionId <= 0) notFound();
  return <ModelVersionView id={versionId} />;
}
