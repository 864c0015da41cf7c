"use client";
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";

type Verdict = { intact: true; rows: number; lastId: number; lastHash: string } | { intact: false; rows: number; brokenAtId: number; reason: string };
type Anchor = { id: number; hash: string };

/**
 * Verifies the hash chain on the server, reading its streamed progress (newline-delimited JSON) to show a
 * progress bar; optionally against an anchor file exported earlier. Also offers the anchor download.
 */
export function VerifyPanel() {
  const t = useT();
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const [result, setResult] = useState<{ verdict: Verdict; checkedAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const [running, setRunning] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const trpc = useTRPC();
  const qc = useQueryClient();
  // verifications and exports are audited: the list below gains a row
  const refreshLog = () => qc.invalidateQueries({ queryKey: trpc.admin.audit.pathKey() });

  const loadAnchor = async (file: File | undefined) => {
    setError(null);
    setAnchor(null);
    if (!file) return;
    try {
      const json = JSON.parse(await file.text()) as { id?: unknown; hash?: unknown };
      if (typeof json.id !== "number" || typeof json.hash !== "string" || !/^[0-9a-f]{64}$/.test(json.hash)) throw new Error("bad anchor");
      setAnchor({ id: json.id, hash: json.hash });
    } catch {
      setError(t("admin.audit.verify.badAnchor"));
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  const run = async () => {
    setRunning(true);
    setError(null);
    setResult(null);
    setProgress({ checked: 0, total: 0 });
    try {
      const res = await fetch("/api/admin/audit/verify", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(anchor ? { anchor } : {}) });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!line.trim()) continue;
          const event = JSON.parse(line) as { type: string; checked?: number; total?: number; verdict?: Verdict; checkedAt?: string };
          if (event.type === "progress") setProgress({ checked: event.checked!, total: event.total! });
          else if (event.type === "result") setResult({ verdict: event.verdict!, checkedAt: event.checkedAt! });
          else if (event.type === "error") throw new Error("server");
        }
      }
    } catch {
      setError(t("admin.audit.verify.failed"));
    } finally {
      setRunning(false);
      void refreshLog();
    }
  };

  const pct = progress && progress.total ? Math.round((progress.checked / progress.total) * 100) : 0;
  return (
    <Card title={t("admin.audit.verify.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("admin.audit.verify.help")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={run} disabled={running} data-testid="audit-verify">{t("admin.audit.verify.run")}</Button>
        <label className="text-sm">
          <span className="mr-2 text-slate-600">{t("admin.audit.verify.anchor")}</span>
          <input ref={fileRef} type="file" accept="application/json,.json" className="text-sm" onChange={(e) => loadAnchor(e.target.files?.[0])} data-testid="audit-anchor-file" />
        </label>
        <a className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" href="/api/exports/audit-anchor" download data-testid="audit-anchor-export" onClick={() => setTimeout(refreshLog, 1_000)}>
          {t("admin.audit.verify.exportAnchor")}
        </a>
      </div>
      {anchor ? <p className="mt-2 text-xs text-slate-500">{t("admin.audit.verify.anchorLoaded", { id: anchor.id })}</p> : null}
      {progress && (running || !result) && !error ? (
        <div className="mt-4" data-testid="audit-verify-progress">
          <progress className="h-2 w-full" max={100} value={pct} aria-label={t("admin.audit.verify.progress")} />
          <p className="mt-1 text-xs text-slate-500" aria-live="polite">{t("admin.audit.verify.checked", { checked: progress.checked, total: progress.total })}</p>
        </div>
      ) : null}
      {error ? <div className="mt-4"><Alert>{error}</Alert></div> : null}
      {result ? (
        <div className="mt-4" data-testid="audit-verify-result" data-intact={String(result.verdict.intact)}>
          {result.verdict.intact ? (
            <Alert kind="success">
              <strong>{t("admin.audit.verify.intact")}</strong> {t("admin.audit.verify.intactDetail", { rows: result.verdict.rows, id: result.verdict.lastId })}
              <span className="mt-1 block break-all font-mono text-xs">{result.verdict.lastHash}</span>
            </Alert>
          ) : (
            <Alert>
              <strong>{t("admin.audit.verify.broken")}</strong> {t("admin.audit.verify.brokenDetail", { id: result.verdict.brokenAtId, rows: result.verdict.rows })}{" "}
              {t(`admin.audit.verify.reason.${result.verdict.reason}`)}
            </Alert>
          )}
        </div>
      ) : null}
    </Card>
  );
}
