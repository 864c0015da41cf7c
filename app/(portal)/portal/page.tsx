import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { StartRatingButton } from "@/components/ratings/start-button";

export const dynamic = "force-dynamic";

export default async function PortalHome() {
  const user = await requirePagePermission("portal.readOwn", "/portal");
  const { t, locale } = await getT();
  const data = await (await serverCaller()).workspace.portalHome();
  return (
    <div data-testid="portal-home">
      <PageTitle>{t("portal.welcome", { name: user.displayName })}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("portal.customerRecord")}>
          {data.customers.map((c) => (
            <dl key={c.id} className="space-y-2 text-sm">
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.code")}</dt><dd className="font-mono">{c.code}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.name")}</dt><dd>{c.name}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.type")}</dt><dd>{t(`customerType.${c.type}`)}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.institution")}</dt><dd>{locale === "zh" ? c.institutionNameZh : c.institutionNameEn}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.grade")}</dt><dd className="font-semibold">{c.grade ?? "—"}</dd></div>
              <div className="pt-2"><StartRatingButton customerId={c.id} area="portal" /></div>
            </dl>
          ))}
        </Card>
        <Card title={t("portal.applications")}>
          {data.applications.length === 0 ? (
            <p className="text-sm text-slate-500">{t("portal.noApplications")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {data.applications.map((a) => (
                <li key={a.id} className="flex justify-between py-2">
                  <Link className="font-mono text-brand-700 underline" href={`/portal/applications/${a.id}`}>{a.reference}</Link>
                  <span>{t(`status.${a.status}`)}{a.finalGrade ? ` · ${a.finalGrade}` : ""}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
