import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { ParameterAdmin } from "@/components/admin/parameters/parameter-admin";

export const dynamic = "force-dynamic";

export default async function AdminParametersPage() {
  await requirePagePermission("admin.parameters", "/admin/parameters");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.params.subtitle")}>{t("admin.params.title")}</PageTitle>
      <ParameterAdmin />
    </>
  );
}
