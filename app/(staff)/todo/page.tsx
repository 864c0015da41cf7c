import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { PageTitle, Card } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export default async function TodoPage() {
  await requirePagePermission("todo.read", "/todo");
  const { t, locale } = await getT();
  const rows = await (await serverCaller()).workspace.todo();
  return (
    <>
      <PageTitle>{t("todo.title")}</PageTitle>
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="todo-empty">{t("todo.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="todo-table">
              <thead className="text-left text-slate-500">
                <tr><th className="py-2">{t("todo.reference")}</th><th>{t("todo.customer")}</th><th>{t("todo.stage")}</th><th>{t("customers.grade")}</th><th className="text-right">{t("todo.age")}</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-2 font-mono">{r.reference}</td>
                    <td>{r.customerName} <span className="text-slate-400">{r.customerCode}</span></td>
                    <td>{t(`status.${r.status}`)}{r.currentRole ? ` · ${t(`role.${r.currentRole}`)}` : ""}</td>
                    <td>{r.proposedGrade ?? "—"}</td>
                    <td className="text-right tabular-nums">{t("todo.days", { n: r.ageDays.toLocaleString(locale) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
