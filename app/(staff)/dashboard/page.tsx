import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { PageTitle, Stat, Card } from "@/components/ui/card";
import { GradeTable } from "@/components/dashboard/grade-table";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requirePagePermission("rating.read", "/dashboard");
  const { t, locale } = await getT();
  const data = await (await serverCaller()).workspace.dashboard();
  const institution = user.institutionName ? (locale === "zh" ? user.institutionName.zh : user.institutionName.en) : "";
  return (
    <>
      <PageTitle subtitle={`${t("dashboard.institution")}: ${institution}`}>{t("dashboard.welcome", { name: user.displayName })}</PageTitle>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label={t("dashboard.customersInScope")} value={data.portfolio.customers.toLocaleString(locale)} testId="stat-customers" />
        <Stat label={t("dashboard.effective")} value={data.portfolio.rated.toLocaleString(locale)} />
        <Stat label={t("dashboard.inProgress")} value={data.inProgress.toLocaleString(locale)} />
        <Stat label={t("dashboard.todoCount")} value={data.todoCount.toLocaleString(locale)} />
      </div>
      <div className="mt-6">
        <Card title={t("dashboard.gradeDistribution")}>
          <GradeTable rows={data.portfolio.byGrade} locale={locale} />
        </Card>
      </div>
    </>
  );
}
