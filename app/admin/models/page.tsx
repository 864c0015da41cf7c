import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { ModelList } from "@/components/admin/models/model-list";

export const dynamic = "force-dynamic";

export default async function AdminModelsPage() {
  await requirePagePermission("admin.models", "/admin/models");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("models.subtitle")}>{t("models.title")}</PageTitle>
      <ModelList />
    </>
  );
}
