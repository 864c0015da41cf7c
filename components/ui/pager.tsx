"use client";
import { useLocale, useT } from "@/components/i18n/provider";

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="flex items-center justify-between gap-2 py-3 text-sm" aria-label="pagination">
      <span className="text-slate-600" data-testid="pager-status">
        {t("common.pageOf", { page: page.toLocaleString(locale), pages: pages.toLocaleString(locale), total: total.toLocaleString(locale) })}
      </span>
      <span className="flex gap-2">
        <button type="button" className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t("common.previous")}</button>
        <button type="button" className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="pager-next">{t("common.next")}</button>
      </span>
    </nav>
  );
}

/** A sortable column header: a button so it works from the keyboard; aria-sort tells the current order. */
export function SortHeader<K extends string>({ label, column, sort, dir, onSort }: { label: string; column: K; sort: K; dir: "asc" | "desc"; onSort: (c: K) => void }) {
  const active = sort === column;
  return (
    <th aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className="py-2 pr-3 text-left font-medium">
      <button type="button" className="inline-flex items-center gap-1 hover:text-slate-900" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden className="text-xs">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </th>
  );
}
