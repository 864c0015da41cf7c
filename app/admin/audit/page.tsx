import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { AuditViewer } from "@/components/admin/audit/audit-viewer";

export const dynamic = "force-dynamic";

export default async function AdminAuditPage() {
  await requirePagePermission("admin.audit", "/admin/audit");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.audit.subtitle")}>{t("admin.audit.title")}</PageTitle>
      <AuditViewer />
    </>
  );
}
