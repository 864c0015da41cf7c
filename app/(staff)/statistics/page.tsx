import { requirePagePermission } from "@/server/auth/guards";
import { getT } from "@/server/i18n/locale";
import { can } from "@/server/domain/authz/permissions";
import { PageTitle } from "@/components/ui/card";
import { StatisticsView } from "@/components/statistics/statistics-view";

export const dynamic = "force-dynamic";

export default async function StatisticsPage() {
  const user = await requirePagePermission("stats.read", "/statistics");
  const { t } = await getT();
  return (
    <>
      <PageTitle subtitle={t("stats.subtitle")}>{t("stats.title")}</PageTitle>
      <StatisticsView canExport={can(user.role, "stats.export")} />
    </>
  );
}
