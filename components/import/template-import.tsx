"use client";
import { useRef, useState } from "react";
import { useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";

interface ImportErrorRow { sheet: string; row: number; column: string; field: string; reason: string }
interface Summary { customers: number; valid: number; invalid: number; statements: number; errors: ImportErrorRow[] }
interface Outcome extends Summary { imported: boolean; inserted: number; updated: number; skipped: number; statementRows: number }

const PAGE = 50;

async function post(path: string, file: File, extra: Record<string, string> = {}) {
  const body = new FormData();
  body.set("file", file);
  for (const [k, v] of Object.entries(extra)) body.set(k, v);
  return fetch(path, { method: "POST", body });
}

async function download(res: Response, name: string) {
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The 信用数据报送 page: the file is validated on upload and again at import (the server never trusts the first
 * check); the import is all-or-nothing unless the user explicitly picks "only the valid customers".
 */
export function TemplateImport() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | "marked" | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);

  const failure = async (res: Response) => {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    setError(body.message ?? t("error.INTERNAL", { ref: String(res.status) }));
  };

  async function check() {
    if (!file) return setError(t("import.err.noFile"));
    setBusy("check"); setError(null); setSummary(null); setOutcome(null); setPage(1);
    try {
      const res = await post("/api/import/check", file);
      if (!res.ok) return await failure(res);
      setSummary((await res.json()) as Summary);
    } finally {
      setBusy(null);
    }
  }

  async function commit(mode: "all" | "validOnly") {
    if (!file) return;
    setBusy("import"); setError(null);
    try {
      const res = await post("/api/import/commit", file, { mode });
      if (!res.ok) return await failure(res);
      const o = (await res.json()) as Outcome;
      setOutcome(o);
      setSummary(o);
    } finally {
      setBusy(null);
    }
  }

  async function marked() {
    if (!file) return;
    setBusy("marked");
    try {
      const res = await post("/api/import/marked", file);
      if (!res.ok) return await failure(res);
      await download(res, "credit-data-errors.xlsx");
    } finally {
      setBusy(null);
    }
  }

  const errors = summary?.errors ?? [];
  const shown = errors.slice((page - 1) * PAGE, page * PAGE);
  return (
    <div className="space-y-6">
      <Card title={t("import.download")}>
        <p className="mb-4 text-sm text-slate-600">{t("import.intro")}</p>
        <a href="/api/import/template" className="inline-flex rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-brand-600" data-testid="import-template">
          {t("import.download")}
        </a>
      </Card>

      <Card title={t("import.check")}>
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); void check(); }}>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">{t("import.file")}</span>
            <input ref={input} type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="import-file"
              className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setSummary(null); setOutcome(null); setError(null); }} />
          </label>
          <Button type="submit" disabled={!file || busy !== null} data-testid="import-check">{busy === "check" ? t("import.checking") : t("import.check")}</Button>
        </form>
        <div className="mt-4 space-y-3" aria-live="polite">
          {error ? <Alert>{error}</Alert> : null}
          {busy === "import" ? <Alert kind="info">{t("import.importing")}</Alert> : null}
          {summary ? <p className="text-sm text-slate-700" data-testid="import-summary">{t("import.summary", { customers: summary.customers, statements: summary.statements, valid: summary.valid, invalid: summary.invalid })}</p> : null}
          {outcome ? (
            <Alert kind={outcome.imported ? "success" : "error"}>
              <span data-testid="import-outcome">{outcome.imported ? t("import.done", { inserted: outcome.inserted, updated: outcome.updated, skipped: outcome.skipped, statementRows: outcome.statementRows }) : t("import.nothing")}</span>
            </Alert>
          ) : null}
          {summary && !outcome ? (
            <div className="flex flex-wrap gap-3">
              {errors.length === 0 ? <Alert kind="success">{t("import.noErrors")}</Alert> : null}
              <Button onClick={() => void commit("all")} disabled={busy !== null || errors.length > 0} data-testid="import-all">{t("import.importAll")}</Button>
              {errors.length > 0 && summary.valid > 0 ? (
                <Button variant="secondary" onClick={() => void commit("validOnly")} disabled={busy !== null} data-testid="import-valid">{t("import.importValid", { n: summary.valid })}</Button>
              ) : null}
              {errors.length > 0 ? <Button variant="secondary" onClick={() => void marked()} disabled={busy !== null} data-testid="import-marked">{t("import.marked")}</Button> : null}
            </div>
          ) : null}
        </div>
      </Card>

      {errors.length > 0 ? (
        <Card title={t("import.errors", { n: errors.length })}>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="import-errors">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr><th className="px-3 py-2">{t("import.sheet")}</th><th className="px-3 py-2">{t("import.row")}</th><th className="px-3 py-2">{t("import.column")}</th><th className="px-3 py-2">{t("import.reason")}</th></tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.sheet}-${e.row}-${e.column}-${i}`} className="border-t border-slate-100">
                    <td className="px-3 py-2">{e.sheet}</td><td className="px-3 py-2 tabular-nums">{e.row}</td><td className="px-3 py-2">{e.column}</td><td className="px-3 py-2">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE} total={errors.length} onPage={setPage} />
        </Card>
      ) : null}
    </div>
  );
}
