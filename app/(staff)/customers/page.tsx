import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { CustomerTable } from "@/components/customers/customer-table";
import Link from "next/link";
import { can } from "@/server/domain/authz/permissions";

export const dynamic = "force-dynamic";

export default async function CustomersPage() {
  const user = await requirePagePermission("customer.read", "/customers");
  const { t } = await getT();
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle>{t("customers.title")}</PageTitle>
        {can(user.role, "customer.write") ? (
          <Link href="/customers/import" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="customers-import">
            {t("import.nav")}
          </Link>
        ) : null}
      </div>
      <CustomerTable />
    </>
  );
}
