import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { UserTable } from "@/components/admin/users/user-table";

export const dynamic = "force-dynamic";

export default async function AdminUsersPage() {
  await requirePagePermission("admin.users", "/admin/users");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("admin.users.subtitle")}>{t("admin.users.title")}</PageTitle>
      <UserTable />
    </>
  );
}
