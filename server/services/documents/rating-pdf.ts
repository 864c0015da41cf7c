import "server-only";
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { getApplication } from "@/server/services/workflow/get-application";

type Application = Awaited<ReturnType<typeof getApplication>>;
export type PdfKind = "preliminary" | "report" | "notice";

/** Noto Sans SC (OFL) from node_modules: Chinese and Latin in one face; pdfkit embeds only the glyphs used. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans-sc");
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, "400Regular", "NotoSansSC_400Regular.ttf")),
    bold: fs.readFileSync(path.join(FONT_DIR, "700Bold", "NotoSansSC_700Bold.ttf")),
  };
  return fonts;
}

/**
 * The preliminary document, the rating report or the result notice as a PDF, with the same content and the
 * same rules as the printable pages (the caller has already authorised the reader and the kind).
 */
export async function renderRatingPdf(app: Application, kind: PdfKind, t: (key: string, params?: Record<string, string | number>) => string, locale: "zh" | "en"): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${t(`workflow.${kind}`)} ${app.reference}`, Author: t("app.bank") } });
  doc.registerFont("body", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const dt = (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleDateString(locale === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" }) : "—");
  const bi = (zh: string, en: string) => (locale === "zh" ? zh : en);
  const heading = (text: string) => doc.moveDown(0.8).font("bold").fontSize(12).text(text).moveDown(0.3).font("body").fontSize(10);
  const line = (label: string, value: string | number | null | undefined) => doc.font("body").fontSize(10).text(`${label}: ${value ?? "—"}`);

  doc.font("body").fontSize(10).fillColor("#555").text(t("app.bank"), { align: "center" });
  doc.font("bold").fontSize(18).fillColor("#000").text(t(`workflow.${kind}`), { align: "center" });
  doc.font("body").fontSize(9).text(app.reference, { align: "center" }).moveDown();
  line(bi("客户名称", "Customer"), app.customer.name);
  line(bi("客户编号", "Code"), app.customer.code);
  line(bi("客户类型", "Type"), t(`customerType.${app.customer.type}`));
  line(bi("报告期", "Period"), app.period);

  if (kind === "notice") {
    doc.moveDown().fontSize(11).text(t("workflow.noticeBody", { grade: app.finalGrade ?? "—" }));
    doc.moveDown().font("bold").fontSize(28).text(app.finalGrade ?? "—");
    doc.font("body").fontSize(10);
    line(bi("认定日期", "Date determined"), dt(app.decidedAt));
  } else {
    const internal = app.internal!;
    heading(t("workflow.systemRating"));
    const r = internal.result;
    if (r) {
      line(t("workflow.grade"), r.grade);
      line(t("workflow.score"), Number(r.score).toFixed(2));
      line(t("workflow.pd"), `${(Number(r.pd) * 100).toFixed(3)}%`);
      line(t("workflow.riskLimit"), Number(r.riskLimit ?? 0).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB"));
      doc.moveDown(0.3);
      for (const i of r.explanation.indicators) {
        const raw = i.missing ? t("workflow.missing") : typeof i.raw === "number" ? i.raw.toFixed(4) : String(i.raw);
        doc.fontSize(9).text(`${i.key}   ${raw}   ${t("workflow.points")} ${i.value}   ${t("workflow.contribution")} ${i.contribution.toFixed(3)}`);
      }
    } else line(t("workflow.systemRating"), "—");
    heading(t("workflow.evaluation"));
    line(t("workflow.raterGrade"), `${internal.raterGrade ?? "—"}${internal.overrideReason ? ` (${internal.overrideReasonCode}: ${internal.overrideReason})` : ""}`);
    line(t("workflow.directOpinion"), internal.directOpinion);
    line(t("workflow.conclusionApprove"), internal.conclusionApprove == null ? "—" : internal.conclusionApprove ? t("workflow.yes") : t("workflow.no"));
    line(t("workflow.creditRiskOpinion"), internal.creditRiskOpinion);
    line(t("workflow.suggestedGrade"), internal.suggestedGrade);
    if (kind === "report") {
      heading(t("workflow.trail"));
      for (const s of internal.steps) {
        doc.fontSize(9).text(`${dt(s.actedAt)}  ${t(`workflow.stage.${s.stageKey}`)}  ${s.actorName ?? ""}  ${t(`workflow.action.${s.action}`)}${s.gradeAfter ? `  → ${s.gradeAfter}` : ""}${s.opinion ? `\n    ${s.opinion}` : ""}`);
      }
      doc.moveDown().font("bold").fontSize(13).text(`${t("workflow.finalGrade")}: ${app.finalGrade ?? "—"}   ${dt(app.decidedAt)}`);
    }
  }
  doc.end();
  return done;
}
