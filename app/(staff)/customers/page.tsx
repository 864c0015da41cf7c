import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { CustomerTable } from "@/components/customers/customer-table";

export const dynamic = "force-dynamic";

export default async function CustomersPage() {
  await requirePagePermission("customer.read", "/customers");
  const { t } = await getT();
  return (
    <>
      <PageTitle>{t("customers.title")}</PageTitle>
      <CustomerTable />
    </>
  );
}
