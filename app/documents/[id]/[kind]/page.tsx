import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requireSignedIn } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { PrintButton } from "@/components/ratings/print-button";

export const dynamic = "force-dynamic";
const KINDS = ["preliminary", "report", "notice"] as const;

/**
 * Printable documents (bilingual labels, the reader's locale for numbers and dates): the preliminary document
 * and the rating report for staff, the result notice for staff and the applicant once the rating is final.
 */
export default async function DocumentPage({ params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  await requireSignedIn(`/documents/${id}/${kind}`);
  if (!(KINDS as readonly string[]).includes(kind) || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const { t, locale } = await getT();
  let app;
  try {
    app = await (await serverCaller()).applications.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND")) notFound();
    throw e;
  }
  const internal = app.internal;
  if (kind !== "notice" && !internal) notFound();
  if (kind === "notice" && app.status !== "approved") notFound();
  if (kind === "report" && app.status !== "approved") notFound();
  const dt = (d: Date | string | null) => (d ? new Date(d).toLocaleDateString(locale === "zh" ? "zh-CN" : "en-GB") : "—");
  const title = t(`workflow.${kind}`);
  const bi = (zh: string, en: string) => (locale === "zh" ? `${zh} ${en}` : `${en} · ${zh}`);
  return (
    <main id="main" className="mx-auto max-w-3xl bg-white p-8 text-sm print:p-0" data-testid={`document-${kind}`}>
      <div className="no-print mb-4 flex flex-wrap items-center justify-end gap-3">
        <a className="text-brand-700 underline" href={`/documents/${id}/${kind}/pdf?lang=zh`} data-testid="pdf-zh">PDF 中文</a>
        <a className="text-brand-700 underline" href={`/documents/${id}/${kind}/pdf?lang=en`} data-testid="pdf-en">PDF English</a>
        <PrintButton />
      </div>
      <header className="mb-6 border-b pb-4 text-center">
        <p className="text-slate-500">{t("app.bank")}</p>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-1 font-mono text-xs">{app.reference}</p>
      </header>
      <section className="mb-6 grid grid-cols-2 gap-2">
        <div>{bi("客户名称", "Customer")}: <strong>{app.customer.name}</strong></div>
        <div>{bi("客户编号", "Code")}: {app.customer.code}</div>
        <div>{bi("客户类型", "Type")}: {t(`customerType.${app.customer.type}`)}</div>
        <div>{bi("报告期", "Period")}: {app.period ?? "—"}</div>
      </section>
      {kind === "notice" ? (
        <section className="space-y-4">
          <p className="text-base" data-testid="notice-text">{t("workflow.noticeBody", { grade: app.finalGrade ?? "—" })}</p>
          <p className="text-4xl font-bold">{app.finalGrade}</p>
          <p>{bi("认定日期", "Date determined")}: {dt(app.decidedAt)}</p>
        </section>
      ) : (
        <>
          <section className="mb-6">
            <h2 className="mb-2 font-semibold">{t("workflow.systemRating")}</h2>
            {internal?.result ? (
              <p>{t("workflow.grade")}: <strong>{internal.result.grade}</strong> · {t("workflow.score")}: {Number(internal.result.score).toFixed(2)} · {t("workflow.pd")}: {(Number(internal.result.pd) * 100).toFixed(3)}% · {t("workflow.riskLimit")}: {Number(internal.result.riskLimit ?? 0).toLocaleString(locale)}</p>
            ) : <p>—</p>}
            {internal?.result ? (
              <table className="mt-2 w-full">
                <tbody>
                  {internal.result.explanation.indicators.map((i) => (
                    <tr key={i.key} className="border-t"><td className="py-0.5">{i.key}</td><td className="text-right">{i.missing ? t("workflow.missing") : typeof i.raw === "number" ? i.raw.toFixed(4) : String(i.raw)}</td><td className="text-right">{i.value}</td><td className="text-right">{i.contribution.toFixed(3)}</td></tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
          <section className="mb-6">
            <h2 className="mb-2 font-semibold">{t("workflow.evaluation")}</h2>
            <p>{t("workflow.raterGrade")}: {internal?.raterGrade ?? "—"} {internal?.overrideReason ? `(${internal.overrideReasonCode}: ${internal.overrideReason})` : ""}</p>
            <p>{t("workflow.directOpinion")}: {internal?.directOpinion ?? "—"}</p>
            <p>{t("workflow.conclusionApprove")}: {internal?.conclusionApprove == null ? "—" : internal.conclusionApprove ? t("workflow.yes") : t("workflow.no")}</p>
            <p>{t("workflow.creditRiskOpinion")}: {internal?.creditRiskOpinion ?? "—"}</p>
            <p>{t("workflow.suggestedGrade")}: {internal?.suggestedGrade ?? "—"}</p>
          </section>
          {kind === "report" ? (
            <section className="mb-6">
              <h2 className="mb-2 font-semibold">{t("workflow.trail")}</h2>
              <table className="w-full">
                <tbody>
                  {internal!.steps.map((s) => (
                    <tr key={s.id} className="border-t align-top"><td className="py-1">{t(`workflow.stage.${s.stageKey}`)}</td><td>{s.actorName}</td><td>{t(`workflow.action.${s.action}`)}</td><td>{s.gradeAfter ?? ""}</td><td>{s.opinion ?? ""}</td><td>{dt(s.actedAt)}</td></tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-4 text-lg">{t("workflow.finalGrade")}: <strong data-testid="report-final-grade">{app.finalGrade}</strong> · {dt(app.decidedAt)}</p>
            </section>
          ) : null}
        </>
      )}
    </main>
  );
}
