import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { CodeListAdmin } from "@/components/admin/code-lists/code-list-admin";

export const dynamic = "force-dynamic";

export default async function AdminCodeListsPage() {
  await requirePagePermission("admin.codeLists", "/admin/code-lists");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.codeLists.subtitle")}>{t("admin.codeLists.title")}</PageTitle>
      <CodeListAdmin />
    </>
  );
}
