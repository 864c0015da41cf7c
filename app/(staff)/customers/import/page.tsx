import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { TemplateImport } from "@/components/import/template-import";

export const dynamic = "force-dynamic";

export default async function CustomerImportPage() {
  await requirePagePermission("customer.write", "/customers/import");
  const { t } = await getT();
  return (
    <>
      <PageTitle>{t("import.title")}</PageTitle>
      <TemplateImport />
    </>
  );
}
