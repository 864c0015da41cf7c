import Link from "next/link";
import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { UserCreateForm } from "@/components/admin/users/user-create-form";

export const dynamic = "force-dynamic";

export default async function AdminNewUserPage() {
  await requirePagePermission("admin.users", "/admin/users/new");
  const { t } = await getT();
  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-brand-700 underline" href="/admin/users">← {t("admin.users.title")}</Link></p>
      <PageTitle subtitle={t("admin.users.newSubtitle")}>{t("admin.users.new")}</PageTitle>
      <UserCreateForm />
    </>
  );
}
