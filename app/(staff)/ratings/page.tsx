import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { PageTitle } from "@/components/ui/card";
import { ApplicationTable } from "@/components/ratings/application-table";

export const dynamic = "force-dynamic";

export default async function RatingsPage() {
  await requirePagePermission("rating.read", "/ratings");
  const { t } = await getT();
  return (
    <>
      <PageTitle>{t("ratings.title")}</PageTitle>
      <ApplicationTable />
    </>
  );
}
