import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { SyncView } from "@/components/admin/sync/sync-view";

export const dynamic = "force-dynamic";

export default async function AdminSyncPage() {
  await requirePagePermission("admin.sync", "/admin/sync");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.sync.subtitle")}>{t("admin.sync.title")}</PageTitle>
      <SyncView />
    </>
  );
}
