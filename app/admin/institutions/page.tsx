import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { InstitutionAdmin } from "@/components/admin/institutions/institution-admin";

export const dynamic = "force-dynamic";

export default async function AdminInstitutionsPage() {
  await requirePagePermission("admin.institutions", "/admin/institutions");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.institutions.subtitle")}>{t("admin.institutions.title")}</PageTitle>
      <InstitutionAdmin />
    </>
  );
}
