import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { Alert, Card, PageTitle } from "@/components/ui/card";

export const dynamic = "force-dynamic";

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** 历史修改查询: every field change of the application, oldest first, before and after side by side. */
export default async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("rating.read", `/ratings/${id}/history`);
  const { t, locale } = await getT();
  let rows;
  try {
    rows = await (await serverCaller()).applications.history({ id });
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    if (e instanceof TRPCError && (e.code === "FORBIDDEN" || e.code === "BAD_REQUEST")) return <Alert>{t("error.OUT_OF_SCOPE")}</Alert>;
    throw e;
  }
  return (
    <>
      <PageTitle>{t("workflow.history")}</PageTitle>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="history-table">
            <thead className="text-left text-slate-500"><tr><th className="py-1">{t("workflow.at")}</th><th>{t("workflow.by")}</th><th>{t("workflow.stage")}</th><th>{t("workflow.field")}</th><th>{t("workflow.before")}</th><th>{t("workflow.after")}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 whitespace-nowrap">{r.at.toLocaleString(locale === "zh" ? "zh-CN" : "en-GB")}</td>
                  <td>{r.userName ?? "—"}{r.role ? ` (${t(`role.${r.role}`)})` : ""}</td>
                  <td>{r.stage ?? "—"}</td>
                  <td className="font-mono text-xs">{r.field}</td>
                  <td className="bg-red-50 text-red-900">{show(r.oldValue)}</td>
                  <td className="bg-green-50 text-green-900">{show(r.newValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
