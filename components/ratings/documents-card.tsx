"use client";
import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

const TYPE_LABEL: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

/** Supporting documents of an application: list with downloads, and an upload form while the file is open. */
export function DocumentsCard({ applicationId, open }: { applicationId: string; open: boolean }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.applications.documents.queryOptions({ id: applicationId }));
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMessage({ kind: "error", text: t("document.err.empty") });
    setBusy(true);
    setMessage(null);
    try {
      const body = new FormData();
      body.set("applicationId", applicationId);
      body.set("file", file);
      const res = await fetch("/api/files", { method: "POST", body });
      const json = (await res.json().catch(() => ({}))) as { message?: string; fileName?: string };
      if (!res.ok) return setMessage({ kind: "error", text: json.message ?? t("error.INTERNAL", { ref: String(res.status) }) });
      setMessage({ kind: "success", text: t("document.uploaded", { name: json.fileName ?? file.name }) });
      if (input.current) input.current.value = "";
      await qc.invalidateQueries({ queryKey: trpc.applications.documents.queryKey({ id: applicationId }) });
    } finally {
      setBusy(false);
    }
  }

  const data = list.data;
  const fmtSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return (
    <Card title={t("document.title")}>
      {list.error ? <Alert>{list.error.message}</Alert> : null}
      {data && data.documents.length === 0 ? <p className="text-sm text-slate-500">{t("document.none")}</p> : null}
      {data && data.documents.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="document-list">
            <thead className="text-left text-slate-600">
              <tr><th className="py-1 pr-3">{t("document.name")}</th><th className="py-1 pr-3">{t("document.type")}</th><th className="py-1 pr-3">{t("document.size")}</th><th className="py-1 pr-3">{t("document.by")}</th><th className="py-1 pr-3">{t("document.at")}</th><th /></tr>
            </thead>
            <tbody>
              {data.documents.map((d) => (
                <tr key={d.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3 break-all">{d.fileName}</td>
                  <td className="py-1 pr-3">{TYPE_LABEL[d.mimeType] ?? d.mimeType}</td>
                  <td className="py-1 pr-3 tabular-nums">{fmtSize(d.sizeBytes)}</td>
                  <td className="py-1 pr-3">{d.uploadedBy}</td>
                  <td className="py-1 pr-3">{new Date(d.createdAt).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB")}</td>
                  <td className="py-1"><a className="text-brand-700 underline" href={`/api/files/${d.id}`} data-testid="document-download">{t("document.download")}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open && data?.canUpload ? (
        <form className="mt-4 flex flex-wrap items-end gap-3" onSubmit={upload}>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">{t("document.file")}</span>
            <input ref={input} type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" data-testid="document-file"
              aria-describedby="document-limits" className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1" />
          </label>
          <Button type="submit" variant="secondary" disabled={busy} data-testid="document-upload">{busy ? t("document.uploading") : t("document.upload")}</Button>
          <p id="document-limits" className="w-full text-xs text-slate-500">{t("document.limits", { mb: (data.limits.maxBytes / 1048576).toFixed(1) })}</p>
        </form>
      ) : null}
      {message ? <div className="mt-3" aria-live="polite"><Alert kind={message.kind}><span data-testid="document-message">{message.text}</span></Alert></div> : null}
    </Card>
  );
}
