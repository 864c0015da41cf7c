"use client";
import { Fragment, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager } from "@/components/ui/pager";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { auditFilterInput, filterToSearchParams, type AuditFilterInput } from "@/server/domain/audit/audit-query";
import { useUrlState } from "../url-state";
import { AuditDiff } from "./audit-diff";
import { VerifyPanel } from "./verify-panel";

const FILTER_KEYS = ["user", "action", "entityType", "entityId", "from", "to"] as const;

/** The audit log: filters in the URL, server-side paging, before/after as a diff, Excel export, verification. */
export function AuditViewer() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { sp, update, reset } = useUrlState();
  const urlFilter = Object.fromEntries(FILTER_KEYS.map((k) => [k, sp.get(k) ?? undefined])) as AuditFilterInput;
  const parsed = auditFilterInput.safeParse(urlFilter);
  const filter = parsed.success ? urlFilter : {};
  const dir = sp.get("dir") === "asc" ? ("asc" as const) : ("desc" as const);
  const page = Math.max(1, Number(sp.get("page")) || 1);
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, sp.get(k) ?? ""])));
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<Set<number>>(new Set());
  const query = useQuery({ ...trpc.admin.audit.list.queryOptions({ filter, dir, page, pageSize: 25 }), placeholderData: keepPreviousData });
  const facets = useQuery(trpc.admin.audit.facets.queryOptions());
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  const families = [...new Set((facets.data?.actions ?? []).map((a) => a.split(".")[0]))];
  const exportHref = `/api/exports/audit?${filterToSearchParams(filter).toString()}`;

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const check = auditFilterInput.safeParse(draft);
    if (!check.success) {
      setDraftErrors(Object.fromEntries(check.error.issues.map((i) => [String(i.path[0]), t(i.message)])));
      return;
    }
    setDraftErrors({});
    update({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, draft[k] || undefined])), page: 1 });
  };
  const input = (k: (typeof FILTER_KEYS)[number], props: Record<string, unknown> = {}) => (
    <Field id={`audit-${k}`} label={t(`admin.audit.filter.${k}`)} error={draftErrors[k]}>
      <TextInput id={`audit-${k}`} invalid={!!draftErrors[k]} value={draft[k]} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} {...props} />
    </Field>
  );

  return (
    <div className="space-y-6">
      <VerifyPanel />
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <form className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search" onSubmit={apply} noValidate data-testid="audit-filter">
          {input("user")}
          <Field id="audit-action" label={t("admin.audit.filter.action")}>
            <SelectInput id="audit-action" value={draft.action} onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}>
              <option value="">{t("common.all")}</option>
              {families.map((f) => <option key={`${f}.*`} value={`${f}.*`}>{f}.*</option>)}
              {facets.data?.actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </SelectInput>
          </Field>
          <Field id="audit-entityType" label={t("admin.audit.filter.entityType")}>
            <SelectInput id="audit-entityType" value={draft.entityType} onChange={(e) => setDraft((d) => ({ ...d, entityType: e.target.value }))}>
              <option value="">{t("common.all")}</option>
              {facets.data?.entityTypes.map((a) => <option key={a} value={a}>{a}</option>)}
            </SelectInput>
          </Field>
          {input("entityId")}
          {input("from", { type: "date" })}
          {input("to", { type: "date" })}
          <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-6">
            <Button type="submit" data-testid="audit-apply">{t("common.search")}</Button>
            <Button type="button" variant="secondary" onClick={() => { setDraft(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""]))); setDraftErrors({}); reset(); }}>{t("common.reset")}</Button>
            <Button type="button" variant="secondary" onClick={() => update({ dir: dir === "desc" ? "asc" : undefined, page: 1 })}>
              {t(dir === "desc" ? "admin.audit.newestFirst" : "admin.audit.oldestFirst")}
            </Button>
            <a className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" href={exportHref} download data-testid="audit-export">
              {t("admin.audit.export")}
            </a>
          </div>
        </form>
        {query.error ? <Alert>{query.error.message}</Alert> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="audit-table">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2 pr-3 font-medium">{t("admin.audit.col.id")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.audit.col.atLocal")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.audit.col.user")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.audit.col.action")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.audit.col.entity")}</th>
                <th className="py-2 pr-3 font-medium"><span className="sr-only">{t("admin.audit.details")}</span></th>
              </tr>
            </thead>
            <tbody aria-busy={query.isFetching}>
              {query.data?.rows.map((r) => {
                const isOpen = open.has(r.id);
                return (
                  <Fragment key={r.id}>
                    <tr className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={r.action}>
                      <td className="py-2 pr-3 font-mono text-xs tabular-nums">{r.id}</td>
                      <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{fmt.format(r.at)}</td>
                      <td className="py-2 pr-3">{r.username ?? "—"}{r.role ? <span className="text-xs text-slate-500"> · {t(`role.${r.role}`)}</span> : null}</td>
                      <td className="py-2 pr-3 font-mono text-xs">{r.action}</td>
                      <td className="break-all py-2 pr-3 font-mono text-xs">{r.entityType ? `${r.entityType}${r.entityId ? `:${r.entityId}` : ""}` : "—"}</td>
                      <td className="py-2 pr-3">
                        <button
                          type="button"
                          className="rounded px-2 py-1 text-xs text-brand-700 underline hover:bg-slate-100"
                          aria-expanded={isOpen}
                          aria-controls={`audit-detail-${r.id}`}
                          onClick={() => setOpen((s) => { const n = new Set(s); if (isOpen) n.delete(r.id); else n.add(r.id); return n; })}
                        >
                          {t(isOpen ? "admin.audit.hide" : "admin.audit.details")}
                        </button>
                      </td>
                    </tr>
                    {isOpen ? (
                      <tr id={`audit-detail-${r.id}`} className="bg-slate-50">
                        <td colSpan={6} className="px-3 py-3">
                          <AuditDiff before={r.before} after={r.after} />
                          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-[11px] text-slate-500">
                            <dt>IP</dt><dd className="font-mono">{r.ip ?? "—"}</dd>
                            <dt>{t("admin.audit.col.hash")}</dt><dd className="break-all font-mono">{r.hash}</dd>
                            <dt>{t("admin.audit.prevHash")}</dt><dd className="break-all font-mono">{r.prevHash}</dd>
                          </dl>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
              {query.data && query.data.rows.length === 0 ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.noData")}</td></tr> : null}
              {query.isLoading ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.loading")}</td></tr> : null}
            </tbody>
          </table>
        </div>
        {query.data ? <Pager page={page} pageSize={25} total={query.data.total} onPage={(p) => update({ page: p })} /> : null}
      </div>
    </div>
  );
}
