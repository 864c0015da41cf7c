import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { UserDetail } from "@/components/admin/users/user-detail";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AdminUserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { id } = await params;
  await requirePagePermission("admin.users", `/admin/users/${id}`);
  if (!UUID.test(id)) notFound();
  const { t } = await getT();
  const { created } = await searchParams;
  return (
    <>
      <p className="mb-2 text-sm"><Link className="text-brand-700 underline" href="/admin/users">← {t("admin.users.title")}</Link></p>
      <PageTitle>{t("admin.users.detail")}</PageTitle>
      <UserDetail id={id} created={created === "1"} />
    </>
  );
}
