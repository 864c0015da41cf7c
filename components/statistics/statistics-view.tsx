"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Card } from "@/components/ui/card";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Pager, SortHeader } from "@/components/ui/pager";
import { CUSTOMER_TYPES, DIMENSIONS, statsFilterInput, type Dimension } from "@/server/domain/statistics/filters";
import { periodBounds, presetPeriod } from "@/server/domain/statistics/periods";

type Filter = { from?: string; to?: string; institutionId?: number; customerType?: (typeof CUSTOMER_TYPES)[number]; modelKey?: string };
type Drill = { dimension: Dimension | "quarter" | "override"; value?: string; title: string };
type Label = { zh: string; en: string } | null;
const COLORS = ["#1d4ed8", "#2563eb", "#3b82f6", "#0891b2", "#059669", "#65a30d", "#ca8a04", "#ea580c", "#dc2626", "#7f1d1d"];

function qs(filter: Filter, extra: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}

function ExportLink({ href, testId, allowed = true }: { href: string; testId: string; allowed?: boolean }) {
  const t = useT();
  if (!allowed) return null;
  return <a href={href} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50" data-testid={testId} download>{t("stats.export")}</a>;
}

type Fresh = { source: "rollup" | "live"; asOf: string; pending: boolean };

/** Says where a figure comes from and how old it is (pre-aggregated figures may lag the newest ratings). */
function FreshnessNote({ data, testId }: { data?: Fresh; testId: string }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  const time = new Date(data.asOf).toLocaleString(locale);
  return (
    <p className="text-xs text-slate-500" data-testid={testId} data-source={data.source}>
      {t(data.source === "rollup" ? "stats.asOfRollup" : "stats.asOf", { t: time })}{data.pending ? ` · ${t("stats.pending")}` : ""}
    </p>
  );
}

const EMPTY_DRAFT = { period: "all", from: "", to: "", institutionId: "", customerType: "", modelKey: "" };

/** Statistics: one filter bar; per statistic a chart beside its table; a bar click lists the ratings behind it. */
export function StatisticsView({ canExport }: { canExport: boolean }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Record<string, string>>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState<Filter>({});
  const [dim, setDim] = useState<Dimension>("grade");
  const [overrideBy, setOverrideBy] = useState<"notches" | "rater" | "institution" | "model">("notches");
  const [mig, setMig] = useState({ fromDate: "2024-12-31", toDate: "2025-12-31" });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [sort, setSort] = useState<"ratedOn" | "grade" | "customerName" | "customerCode" | "institution">("ratedOn");
  const [dir, setDir] = useState<"asc" | "desc">("desc");
  const [page, setPage] = useState(1);

  const options = useQuery(trpc.statistics.options.queryOptions());
  const counts = useQuery({ ...trpc.statistics.counts.queryOptions({ filter, dimension: dim }), placeholderData: keepPreviousData });
  const quarterly = useQuery(trpc.statistics.quarterly.queryOptions({ filter }));
  const migValid = /^\d{4}-\d{2}-\d{2}$/.test(mig.fromDate) && /^\d{4}-\d{2}-\d{2}$/.test(mig.toDate) && mig.fromDate < mig.toDate;
  const migration = useQuery({ ...trpc.statistics.migration.queryOptions({ filter, ...mig }), enabled: migValid });
  const pipeline = useQuery(trpc.statistics.pipeline.queryOptions({ filter }));
  const overrides = useQuery(trpc.statistics.overrides.queryOptions({ filter, by: overrideBy }));
  const list = useQuery({
    ...trpc.statistics.ratings.queryOptions({ filter, dimension: drill?.dimension, value: drill?.value, sort, dir, page, pageSize: 25 }),
    enabled: drill !== null,
    placeholderData: keepPreviousData,
  });
  const name = (l: Label, key: string | null) => (l ? l[locale] : key ?? "—");
  const fmt = (n: number) => n.toLocaleString(locale);

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const { period: _period, ...fields } = draft;
    void _period;
    const parsed = statsFilterInput.safeParse(fields);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(i.message)])));
      return;
    }
    setErrors({});
    setFilter(parsed.data as Filter);
    setDrill(null);
  };
  // a preset period fills the dates; typing a date makes the period custom
  const pickPeriod = (value: string) => {
    if (value === "custom") { setDraft({ ...draft, period: value }); return; }
    const b = periodBounds(value);
    setDraft({ ...draft, period: value, from: b?.from ?? "", to: b?.to ?? "" });
  };
  const setDate = (field: "from" | "to", value: string) => {
    const next = { ...draft, [field]: value };
    setDraft({ ...next, period: presetPeriod(next.from || undefined, next.to || undefined) ?? "custom" });
  };
  const periodLabel = (p: string) => (p === "all" ? t("stats.period.all") : p);
  const migPairs = options.data?.migrationPairs ?? [];
  const migPreset = migPairs.some((p) => p.from === mig.fromDate && p.to === mig.toDate) ? `${mig.fromDate}|${mig.toDate}` : "custom";
  const openDrill = (d: Drill) => { setDrill(d); setPage(1); };
  const onSort = (c: typeof sort) => { if (c === sort) setDir(dir === "asc" ? "desc" : "asc"); else { setSort(c); setDir("asc"); } setPage(1); };

  const countRows = (counts.data?.rows ?? []).map((r) => ({ key: r.key ?? "", name: name(r.label, r.key), customers: r.customers }));
  const qGrades = quarterly.data?.grades ?? [];
  const qRows = (quarterly.data?.rows ?? []).map((r) => ({ quarter: r.quarter, ...r.byGrade }));
  const ovRows = (overrides.data?.rows ?? []).map((r) => ({ key: r.key ?? "", name: overrideBy === "notches" ? (r.key ?? "—") : name(r.label, r.key), share: r.share, total: r.total, overridden: r.overridden }));

  return (
    <div className="space-y-6">
      <form onSubmit={apply} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4 xl:grid-cols-7" aria-label={t("stats.title")}>
        <Field id="f-period" label={t("stats.filter.period")}>
          <SelectInput id="f-period" value={draft.period} onChange={(e) => pickPeriod(e.target.value)} title={t("stats.period.hint")}>
            {(options.data?.periods ?? ["all"]).map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}
            <option value="custom">{t("stats.period.custom")}</option>
          </SelectInput>
        </Field>
        <Field id="f-from" label={t("stats.filter.from")} error={errors.from}><TextInput id="f-from" type="date" value={draft.from} invalid={!!errors.from} onChange={(e) => setDate("from", e.target.value)} /></Field>
        <Field id="f-to" label={t("stats.filter.to")} error={errors.to}><TextInput id="f-to" type="date" value={draft.to} invalid={!!errors.to} onChange={(e) => setDate("to", e.target.value)} /></Field>
        <Field id="f-inst" label={t("stats.filter.institution")}>
          <SelectInput id="f-inst" value={draft.institutionId} onChange={(e) => setDraft({ ...draft, institutionId: e.target.value })}>
            <option value="">{t("stats.filter.all")}</option>
            {(options.data?.institutions ?? []).map((i) => <option key={i.id} value={i.id}>{"\u00a0".repeat(i.level * 2)}{locale === "zh" ? i.zh : i.en}</option>)}
          </SelectInput>
        </Field>
        <Field id="f-type" label={t("stats.filter.customerType")}>
          <SelectInput id="f-type" value={draft.customerType} onChange={(e) => setDraft({ ...draft, customerType: e.target.value })}>
            <option value="">{t("stats.filter.all")}</option>
            {CUSTOMER_TYPES.map((c) => <option key={c} value={c}>{t(`customerType.${c}`)}</option>)}
          </SelectInput>
        </Field>
        <Field id="f-model" label={t("stats.filter.model")}>
          <SelectInput id="f-model" value={draft.modelKey} onChange={(e) => setDraft({ ...draft, modelKey: e.target.value })}>
            <option value="">{t("stats.filter.all")}</option>
            {(options.data?.models ?? []).map((m) => <option key={m} value={m}>{m}</option>)}
          </SelectInput>
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit" data-testid="stats-apply">{t("stats.filter.apply")}</Button>
          <Button type="button" variant="secondary" onClick={() => { setDraft(EMPTY_DRAFT); setFilter({}); setErrors({}); setDrill(null); }}>{t("stats.filter.reset")}</Button>
        </div>
      </form>
      <p className="text-xs text-slate-500">{t("stats.period.hint")}</p>
      <FreshnessNote data={counts.data} testId="stats-as-of" />

      <Card title={t("stats.section.counts")} actions={<ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "counts", dimension: dim })}`} allowed={canExport} testId="export-counts" />}>
        <div role="tablist" className="mb-3 flex flex-wrap gap-2">
          {DIMENSIONS.map((d) => (
            <button key={d} role="tab" aria-selected={dim === d} type="button" onClick={() => { setDim(d); setDrill(null); }} className={`rounded px-3 py-1 text-sm ${dim === d ? "bg-slate-900 text-white" : "border border-slate-300"}`}>{t(`stats.dim.${d}`)}</button>
          ))}
        </div>
        <p className="mb-2 text-xs text-slate-500">{t("stats.drill")}</p>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="h-72" data-testid="chart-counts">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={countRows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={60} fontSize={11} />
                <YAxis fontSize={11} />
                <Tooltip />
                <Bar dataKey="customers" name={t("stats.col.customers")} fill="#2563eb" cursor="pointer" onClick={(d) => { const p = (d as unknown as { payload: { key: string; name: string } }).payload; openDrill({ dimension: dim, value: p.key, title: `${t(`stats.dim.${dim}`)} · ${p.name}` }); }} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="w-full text-sm" data-testid="table-counts">
            <thead className="text-left text-slate-500"><tr><th className="py-1">{t("stats.col.name")}</th><th className="py-1 text-right">{t("stats.col.customers")}</th><th className="py-1 text-right">{t("stats.col.ratings")}</th></tr></thead>
            <tbody>
              {(counts.data?.rows ?? []).map((r) => (
                <tr key={r.key ?? "null"} className="border-t border-slate-100">
                  <td className="py-1"><button type="button" className="text-left text-brand-700 underline-offset-2 hover:underline" data-testid={`drill-${dim}-${r.key ?? ""}`} onClick={() => openDrill({ dimension: dim, value: r.key ?? "", title: `${t(`stats.dim.${dim}`)} · ${name(r.label, r.key)}` })}>{name(r.label, r.key)}</button></td>
                  <td className="py-1 text-right tabular-nums" data-testid={`count-${dim}-${r.key ?? ""}`}>{fmt(r.customers)}</td>
                  <td className="py-1 text-right tabular-nums">{fmt(r.ratings)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="font-semibold"><tr className="border-t border-slate-300"><td className="py-1">{t("stats.total")}</td><td className="py-1 text-right tabular-nums" data-testid="counts-total">{fmt(counts.data?.totalCustomers ?? 0)}</td><td className="py-1 text-right tabular-nums">{fmt(counts.data?.totalRatings ?? 0)}</td></tr></tfoot>
          </table>
        </div>
      </Card>

      {drill ? (
        <Card title={t("stats.drillTitle", { what: drill.title })} actions={<div className="flex gap-2"><ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "ratings", dimension: drill.dimension, value: drill.value })}`} allowed={canExport} testId="export-ratings" /><Button type="button" variant="secondary" onClick={() => setDrill(null)}>{t("stats.drillClose")}</Button></div>}>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="drill-table">
              <thead className="text-slate-500"><tr>
                <SortHeader label={t("stats.col.customerCode")} column="customerCode" sort={sort} dir={dir} onSort={onSort} />
                <SortHeader label={t("stats.col.customerName")} column="customerName" sort={sort} dir={dir} onSort={onSort} />
                <SortHeader label={t("stats.col.institution")} column="institution" sort={sort} dir={dir} onSort={onSort} />
                <th className="py-2 pr-3 text-left font-medium">{t("stats.col.systemGrade")}</th>
                <SortHeader label={t("stats.col.grade")} column="grade" sort={sort} dir={dir} onSort={onSort} />
                <SortHeader label={t("stats.col.ratedOn")} column="ratedOn" sort={sort} dir={dir} onSort={onSort} />
                <th className="py-2 pr-3 text-left font-medium">{t("stats.col.status")}</th>
              </tr></thead>
              <tbody>
                {(list.data?.rows ?? []).map((r) => (
                  <tr key={r.id} className="border-t border-slate-100" data-testid="drill-row">
                    <td className="py-1 pr-3 font-mono">{r.customerCode}</td><td className="py-1 pr-3">{r.customerName}</td><td className="py-1 pr-3">{r.institutionName}</td>
                    <td className="py-1 pr-3">{r.systemGrade ?? "—"}</td><td className="py-1 pr-3 font-semibold">{r.grade}</td><td className="py-1 pr-3 tabular-nums">{r.ratedOn}</td><td className="py-1 pr-3">{t(`stats.status.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={25} total={list.data?.total ?? 0} onPage={setPage} />
        </Card>
      ) : null}

      <Card title={t("stats.section.quarterly")} actions={<ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "quarterly" })}`} allowed={canExport} testId="export-quarterly" />}>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="h-72">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={qRows}>
                <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="quarter" fontSize={11} /><YAxis fontSize={11} /><Tooltip /><Legend />
                {qGrades.map((g, i) => <Bar key={g} dataKey={g} stackId="q" fill={COLORS[i % COLORS.length]} cursor="pointer" onClick={(d) => { const q = (d as unknown as { payload: { quarter: string } }).payload.quarter; openDrill({ dimension: "quarter", value: q, title: q }); }} />)}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-xs" data-testid="table-quarterly">
              <thead className="text-slate-500"><tr><th className="py-1 text-left">{t("stats.col.quarter")}</th>{qGrades.map((g) => <th key={g} className="py-1 text-right">{g}</th>)}<th className="py-1 text-right">{t("stats.total")}</th></tr></thead>
              <tbody>{(quarterly.data?.rows ?? []).map((r) => <tr key={r.quarter} className="border-t border-slate-100"><td className="py-1"><button type="button" className="text-brand-700 hover:underline" onClick={() => openDrill({ dimension: "quarter", value: r.quarter, title: r.quarter })}>{r.quarter}</button></td>{qGrades.map((g) => <td key={g} className="py-1 text-right tabular-nums">{fmt(r.byGrade[g])}</td>)}<td className="py-1 text-right font-semibold tabular-nums">{fmt(r.total)}</td></tr>)}</tbody>
            </table>
          </div>
        </div>
        <FreshnessNote data={quarterly.data} testId="quarterly-as-of" />
      </Card>

      <Card title={t("stats.section.migration")} actions={migValid ? <ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "migration", ...mig })}`} allowed={canExport} testId="export-migration" /> : null}>
        <div className="mb-3 flex flex-wrap gap-3">
          <Field id="m-preset" label={t("stats.migration.presets")}>
            <SelectInput id="m-preset" value={migPreset} onChange={(e) => { const [f, to] = e.target.value.split("|"); if (to) setMig({ fromDate: f, toDate: to }); }}>
              {migPairs.map((p) => <option key={`${p.from}|${p.to}`} value={`${p.from}|${p.to}`}>{`${p.from} → ${p.to}`}</option>)}
              <option value="custom">{t("stats.period.custom")}</option>
            </SelectInput>
          </Field>
          <Field id="m-from" label={t("stats.migration.from")}><TextInput id="m-from" type="date" value={mig.fromDate} onChange={(e) => setMig({ ...mig, fromDate: e.target.value })} /></Field>
          <Field id="m-to" label={t("stats.migration.to")} error={migValid ? undefined : t("stats.error.range")}><TextInput id="m-to" type="date" value={mig.toDate} invalid={!migValid} onChange={(e) => setMig({ ...mig, toDate: e.target.value })} /></Field>
        </div>
        <p className="mb-2 text-xs text-slate-500">{t("stats.migration.hint")}</p>
        <p className="mb-2 text-xs text-slate-500">{t("stats.migration.rule")}</p>
        <FreshnessNote data={migration.data} testId="migration-as-of" />
        {migration.data ? (
          <>
            <p className="mb-2 text-sm" data-testid="migration-summary">
              <span className="mr-3 text-green-700">{t("stats.migration.upgrades", { n: fmt(migration.data.upgrades) })}</span>
              <span className="mr-3 text-red-700">{t("stats.migration.downgrades", { n: fmt(migration.data.downgrades) })}</span>
              <span>{t("stats.migration.unchanged", { n: fmt(migration.data.unchanged) })}</span>
            </p>
            <div className="overflow-x-auto">
              <table className="text-xs" data-testid="migration-matrix">
                <thead><tr><th className="p-1" />{migration.data.grades.map((g) => <th key={g} scope="col" className="p-1 text-right">{g}</th>)}<th className="p-1 text-right">{t("stats.total")}</th></tr></thead>
                <tbody>{migration.data.grades.map((g, i) => (
                  <tr key={g}><th scope="row" className="p-1 text-left">{g}</th>
                    {migration.data!.counts[i].map((v, j) => <td key={j} className={`p-1 text-right tabular-nums ${v && j < i ? "bg-green-100 text-green-900" : v && j > i ? "bg-red-100 text-red-900" : v ? "bg-slate-100" : ""}`} title={`${migration.data!.percents[i][j]}%`}>{v ? `${fmt(v)} (${migration.data!.percents[i][j]}%)` : "·"}</td>)}
                    <td className="p-1 text-right font-semibold tabular-nums">{fmt(migration.data!.rowTotals[i])}</td></tr>
                ))}</tbody>
              </table>
            </div>
          </>
        ) : null}
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card title={t("stats.section.pipeline")} actions={<ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "pipeline" })}`} allowed={canExport} testId="export-pipeline" />}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={pipeline.data?.rows ?? []}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="stage" fontSize={11} /><YAxis fontSize={11} /><Tooltip /><Legend />
                <Bar dataKey="waiting" name={t("stats.col.waiting")} fill="#2563eb" /><Bar dataKey="medianHours" name={t("stats.col.medianHours")} fill="#ca8a04" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="mt-2 w-full text-sm" data-testid="table-pipeline">
            <thead className="text-left text-slate-500"><tr><th>{t("stats.col.stage")}</th><th className="text-right">{t("stats.col.waiting")}</th><th className="text-right">{t("stats.col.acted")}</th><th className="text-right">{t("stats.col.medianHours")}</th></tr></thead>
            <tbody>{(pipeline.data?.rows ?? []).map((r) => <tr key={r.stage} className="border-t border-slate-100"><td>{r.stage}</td><td className="text-right tabular-nums">{fmt(r.waiting)}</td><td className="text-right tabular-nums">{fmt(r.acted)}</td><td className="text-right tabular-nums">{r.medianHours ?? "—"}</td></tr>)}</tbody>
          </table>
        </Card>
        <Card title={t("stats.section.overrides")} actions={<ExportLink href={`/api/exports/statistics?${qs(filter, { kind: "overrides", by: overrideBy })}`} allowed={canExport} testId="export-overrides" />}>
          <div className="mb-2 flex flex-wrap items-center gap-2">
            <label htmlFor="ov-by" className="text-sm">{t("stats.override.by")}</label>
            <SelectInput id="ov-by" value={overrideBy} onChange={(e) => setOverrideBy(e.target.value as typeof overrideBy)} className="w-auto">
              {(["notches", "rater", "institution", "model"] as const).map((b) => <option key={b} value={b}>{t(`stats.override.${b}`)}</option>)}
            </SelectInput>
            {overrides.data ? <span className="text-sm" data-testid="override-summary">{t("stats.override.summary", { share: overrides.data.share, o: fmt(overrides.data.overridden), n: fmt(overrides.data.total) })}</span> : null}
          </div>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={ovRows}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="name" fontSize={11} /><YAxis fontSize={11} /><Tooltip />
                <Bar dataKey={overrideBy === "notches" ? "total" : "share"} name={overrideBy === "notches" ? t("stats.col.total") : t("stats.col.share")} fill="#7c3aed" cursor="pointer" onClick={(d) => { const p = (d as unknown as { payload: { key: string; name: string } }).payload; if (overrideBy === "notches") openDrill({ dimension: "override", value: p.key, title: `${t("stats.section.overrides")} · ${p.name}` }); else openDrill({ dimension: "override", value: "all", title: t("stats.section.overrides") }); }} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="mt-2 w-full text-sm" data-testid="table-overrides">
            <thead className="text-left text-slate-500"><tr><th>{t(`stats.override.${overrideBy}`)}</th><th className="text-right">{t("stats.col.total")}</th><th className="text-right">{t("stats.col.overridden")}</th><th className="text-right">{t("stats.col.share")}</th></tr></thead>
            <tbody>{ovRows.map((r) => <tr key={r.key} className="border-t border-slate-100"><td>{r.name}</td><td className="text-right tabular-nums">{fmt(r.total)}</td><td className="text-right tabular-nums">{fmt(r.overridden)}</td><td className="text-right tabular-nums">{r.share}</td></tr>)}</tbody>
          </table>
          <FreshnessNote data={overrides.data} testId="overrides-as-of" />
        </Card>
      </div>
    </div>
  );
}
