import Link from "next/link";
import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { can } from "@/server/domain/authz/permissions";
import { PageTitle, Stat, Card } from "@/components/ui/card";
import { GradeTable } from "@/components/dashboard/grade-table";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requirePagePermission("rating.read", "/dashboard");
  const { t, locale } = await getT();
  const data = await (await serverCaller()).workspace.dashboard();
  const institution = user.institutionName ? (locale === "zh" ? user.institutionName.zh : user.institutionName.en) : "";
  const queue = (
    <Card title={t("dashboard.queue")}>
      {data.queue.length ? (
        <table className="w-full text-sm" data-testid="dashboard-queue">
          <tbody>
            {data.queue.map((q) => (
              <tr key={q.id} className="border-t border-slate-100">
                <td className="py-1 pr-3 font-mono"><Link className="text-brand-700 underline" href={`/ratings/${q.id}`}>{q.reference}</Link></td>
                <td className="py-1 pr-3">{q.customerName}</td>
                <td className="py-1 text-slate-500">{q.stageEnteredAt ? new Date(q.stageEnteredAt).toLocaleDateString(locale) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="text-sm text-slate-500">{t("common.noData")}</p>}
    </Card>
  );
  return (
    <>
      <PageTitle subtitle={`${t("dashboard.institution")}: ${institution}`}>{t("dashboard.welcome", { name: user.displayName })}</PageTitle>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label={t("dashboard.customersInScope")} value={data.portfolio.customers.toLocaleString(locale)} testId="stat-customers" />
        <Stat label={t("dashboard.effective")} value={data.portfolio.rated.toLocaleString(locale)} />
        <Stat label={t("dashboard.inProgress")} value={data.inProgress.toLocaleString(locale)} />
        <Stat label={t("dashboard.todoCount")} value={data.todoCount.toLocaleString(locale)} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        {data.kind === "rater" ? (
          <>
            {queue}
            <Card title={t("dashboard.recentRatings")}>
              {data.recent.length ? (
                <table className="w-full text-sm" data-testid="dashboard-recent">
                  <tbody>{data.recent.map((r) => <tr key={r.id} className="border-t border-slate-100"><td className="py-1 pr-3 font-mono">{r.customerCode}</td><td className="py-1 pr-3">{r.customerName}</td><td className="py-1 pr-3 font-semibold">{r.grade}</td><td className="py-1 tabular-nums">{r.ratedOn}</td></tr>)}</tbody>
                </table>
              ) : <p className="text-sm text-slate-500">{t("common.noData")}</p>}
            </Card>
          </>
        ) : null}
        {data.kind === "approver" ? (
          <>
            {queue}
            <Card title={t("dashboard.throughput")}>
              {data.throughput.length ? (
                <table className="w-full text-sm" data-testid="dashboard-throughput">
                  <thead className="text-left text-slate-500"><tr><th>{t("stats.col.stage")}</th><th className="text-right">#</th><th className="text-right">{t("stats.col.medianHours")}</th></tr></thead>
                  <tbody>{data.throughput.map((r) => <tr key={r.action} className="border-t border-slate-100"><td className="py-1">{r.action}</td><td className="py-1 text-right tabular-nums">{r.count.toLocaleString(locale)}</td><td className="py-1 text-right tabular-nums">{r.medianHours ?? "—"}</td></tr>)}</tbody>
                </table>
              ) : <p className="text-sm text-slate-500">{t("common.noData")}</p>}
            </Card>
          </>
        ) : null}
        <Card title={data.kind === "portfolio" ? t("dashboard.portfolio") : t("dashboard.gradeDistribution")} actions={can(user.role, "stats.read") ? <Link className="text-sm text-brand-700 underline" href="/statistics">{t("nav.statistics")}</Link> : null}>
          <GradeTable rows={data.portfolio.byGrade} locale={locale} />
        </Card>
      </div>
    </>
  );
}
