import Link from "next/link";
import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { PageTitle, Card } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export default async function TodoPage() {
  await requirePagePermission("todo.read", "/todo");
  const { t, locale } = await getT();
  const { applications, renewals } = await (await serverCaller()).workspace.todo();
  return (
    <>
      <PageTitle>{t("todo.title")}</PageTitle>
      <Card title={t("workflow.queue")}>
        {applications.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="todo-empty">{t("todo.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="todo-table">
              <thead className="text-left text-slate-500">
                <tr><th className="py-2">{t("todo.reference")}</th><th>{t("todo.customer")}</th><th>{t("todo.stage")}</th><th>{t("customers.grade")}</th><th className="text-right">{t("todo.age")}</th></tr>
              </thead>
              <tbody>
                {applications.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-2 font-mono"><Link className="text-brand-700 underline" href={`/ratings/${r.id}`}>{r.reference}</Link></td>
                    <td>{r.customerName} <span className="text-slate-400">{r.customerCode}</span></td>
                    <td>{t(`status.${r.status}`)}{r.currentRole ? ` · ${t(`role.${r.currentRole}`)}` : ""}{r.escalated ? ` · ${t("workflow.escalated")}` : ""} · {t(`workflow.channel.${r.channel}`)}</td>
                    <td>{r.proposedGrade ?? "—"}</td>
                    <td className="text-right tabular-nums">{t("todo.days", { n: r.ageDays.toLocaleString(locale) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {renewals.length ? (
        <div className="mt-6">
          <Card title={t("workflow.renewals")}>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="renewals">
              {renewals.map((r) => (
                <li key={r.customerId} className="flex justify-between py-2">
                  <Link className="text-brand-700 underline" href={`/customers/${r.customerId}`}>{r.customerName} <span className="text-slate-400">{r.customerCode}</span></Link>
                  <span className={r.expired ? "text-red-700" : "text-amber-700"}>{r.grade} · {r.expired ? t("workflow.expired") : t("workflow.expiresOn", { date: r.expiresOn ?? "" })}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
    </>
  );
}
