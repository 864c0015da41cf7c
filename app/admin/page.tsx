import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { Card, PageTitle, Stat } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export default async function AdminHome() {
  await requirePagePermission("admin.access", "/admin");
  const { t, locale } = await getT();
  const data = await (await serverCaller()).admin.overview();
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <div data-testid="admin-home">
      <PageTitle>{t("admin.title")}</PageTitle>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label={t("admin.institutions")} value={data.tree.length} />
        <Stat label={t("admin.activeUsers")} value={data.users.active} />
        <Stat label={t("admin.lockedUsers")} value={data.users.locked} />
        <Stat label={t("admin.modelVersions")} value={data.publishedModelVersions} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title={t("admin.institutionTree")}>
          <ul className="text-sm" data-testid="institution-tree">
            {data.tree.map((i) => (
              <li key={i.id} className="flex justify-between border-b border-slate-100 py-1" style={{ paddingLeft: `${i.level * 1.25}rem` }}>
                <span className={i.active ? "" : "text-slate-400 line-through"}>{locale === "zh" ? i.nameZh : i.nameEn} <span className="font-mono text-xs text-slate-400">{i.code}</span></span>
                <span className="tabular-nums text-slate-500">{i.users} {t("admin.users")}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("admin.auditRecent")}>
          <ul className="text-sm">
            {data.recentAudit.map((a) => (
              <li key={a.id} className="flex justify-between gap-2 border-b border-slate-100 py-1">
                <span className="font-mono text-xs">{a.action}</span>
                <span className="text-slate-500">{a.username ?? "—"} · {fmt.format(a.at)}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
