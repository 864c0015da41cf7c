"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager, SortHeader } from "@/components/ui/pager";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { CODE_LIST_TYPES, createCodeInput, HIERARCHICAL_LISTS, updateCodeInput, type CodeListType } from "@/server/domain/admin/code-lists";
import { StatusBadge } from "../badges";
import { actionErrorText, applyServerErrors } from "../form-errors";
import { Modal } from "../modal";
import { useUrlState } from "../url-state";

type Sort = "code" | "nameZh" | "nameEn" | "sortOrder";
type Row = { listType: string; code: string; nameZh: string; nameEn: string; parentCode: string | null; sortOrder: number; active: boolean };
type Parent = { code: string; nameZh: string; nameEn: string };

/** Code lists by type (tabs), searched, sorted and paged on the server; add, edit and (de)activate entries. */
export function CodeListAdmin() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { sp, update } = useUrlState();
  const listType = (CODE_LIST_TYPES as readonly string[]).includes(sp.get("type") ?? "") ? (sp.get("type") as CodeListType) : "industry";
  const state = {
    listType,
    q: sp.get("q") ?? undefined,
    includeInactive: sp.get("active") !== "1",
    sort: (["code", "nameZh", "nameEn", "sortOrder"].includes(sp.get("sort") ?? "") ? sp.get("sort") : "sortOrder") as Sort,
    dir: sp.get("dir") === "desc" ? ("desc" as const) : ("asc" as const),
    page: Math.max(1, Number(sp.get("page")) || 1),
    pageSize: 25,
  };
  const [q, setQ] = useState(state.q ?? "");
  const [editing, setEditing] = useState<Row | "new" | null>(null);
  const [msg, setMsg] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const query = useQuery({ ...trpc.admin.codeLists.list.queryOptions(state), placeholderData: keepPreviousData });
  const setActive = useMutation(trpc.admin.codeLists.setActive.mutationOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.admin.codeLists.list.queryKey() });
  const onSort = (c: Sort) => update({ sort: c, dir: state.sort === c && state.dir === "asc" ? "desc" : "asc", page: 1 });
  const toggle = async (r: Row) => {
    setMsg(null);
    try {
      await setActive.mutateAsync({ listType, code: r.code, active: !r.active });
      await refresh();
      setMsg({ kind: "success", text: t(r.active ? "admin.codeLists.deactivated" : "admin.codeLists.reactivated", { code: r.code }) });
    } catch (e) {
      setMsg({ kind: "error", text: actionErrorText(e) });
    }
  };
  const parents = (query.data?.parents ?? []) as Parent[];

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div role="tablist" aria-label={t("admin.codeLists.types")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {CODE_LIST_TYPES.map((ty) => (
          <button
            key={ty}
            type="button"
            role="tab"
            aria-selected={ty === listType}
            data-testid={`codelist-tab-${ty}`}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${ty === listType ? "border-brand-700 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            onClick={() => { setQ(""); setMsg(null); update({ type: ty, q: undefined, page: 1, sort: undefined, dir: undefined }); }}
          >
            {t(`admin.codeLists.type.${ty}`)}
          </button>
        ))}
      </div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <form className="flex flex-wrap items-center gap-3" role="search" onSubmit={(e) => { e.preventDefault(); update({ q, page: 1 }); }}>
          <label className="sr-only" htmlFor="code-q">{t("admin.codeLists.search")}</label>
          <TextInput id="code-q" className="w-64" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("admin.codeLists.search")} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={!state.includeInactive} onChange={(e) => update({ active: e.target.checked ? "1" : undefined, page: 1 })} />
            {t("admin.codeLists.activeOnly")}
          </label>
          <Button type="submit">{t("common.search")}</Button>
        </form>
        <Button type="button" onClick={() => setEditing("new")} data-testid="code-new">{t("admin.codeLists.add")}</Button>
      </div>
      {msg ? <div className="mb-3"><Alert kind={msg.kind}>{msg.text}</Alert></div> : null}
      {query.error ? <Alert>{query.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="code-table">
          <thead className="text-slate-500">
            <tr>
              <SortHeader label={t("admin.codeLists.code")} column="code" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.codeLists.nameZh")} column="nameZh" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.codeLists.nameEn")} column="nameEn" sort={state.sort} dir={state.dir} onSort={onSort} />
              {HIERARCHICAL_LISTS.includes(listType) ? <th className="py-2 pr-3 text-left font-medium">{t("admin.codeLists.parent")}</th> : null}
              <SortHeader label={t("admin.codeLists.sortOrder")} column="sortOrder" sort={state.sort} dir={state.dir} onSort={onSort} />
              <th className="py-2 pr-3 text-left font-medium">{t("admin.users.status")}</th>
              <th className="py-2 pr-3 text-left font-medium">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody aria-busy={query.isFetching}>
            {query.data?.rows.map((r) => (
              <tr key={r.code} className="border-t border-slate-100" data-testid={`code-row-${r.code}`}>
                <td className="py-2 pr-3 font-mono">{r.code}</td>
                <td className="py-2 pr-3">{r.nameZh}</td>
                <td className="py-2 pr-3">{r.nameEn}</td>
                {HIERARCHICAL_LISTS.includes(listType) ? <td className="py-2 pr-3 font-mono text-xs">{r.parentCode ?? "—"}</td> : null}
                <td className="py-2 pr-3 tabular-nums">{r.sortOrder}</td>
                <td className="py-2 pr-3"><StatusBadge active={r.active} /></td>
                <td className="flex gap-2 py-2 pr-3">
                  <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => setEditing(r)} aria-label={`${t("admin.edit")} ${r.code}`}>{t("admin.edit")}</Button>
                  <Button type="button" variant={r.active ? "ghost" : "secondary"} className="px-2 py-1" onClick={() => toggle(r)} data-testid={`code-toggle-${r.code}`}>
                    {t(r.active ? "admin.deactivate" : "admin.reactivate")}
                  </Button>
                </td>
              </tr>
            ))}
            {query.data && query.data.rows.length === 0 ? <tr><td colSpan={7} className="py-6 text-center text-slate-500">{t("common.noData")}</td></tr> : null}
          </tbody>
        </table>
      </div>
      {query.data ? <Pager page={state.page} pageSize={state.pageSize} total={query.data.total} onPage={(p) => update({ page: p })} /> : null}
      <Modal open={editing !== null} title={editing === "new" ? t("admin.codeLists.add") : t("admin.codeLists.editTitle", { code: editing?.code ?? "" })} onClose={() => setEditing(null)} testId="code-modal">
        {editing ? (
          <CodeForm
            key={editing === "new" ? "new" : editing.code}
            listType={listType}
            row={editing === "new" ? null : editing}
            parents={parents}
            locale={locale}
            onDone={async (text) => { setEditing(null); await refresh(); setMsg({ kind: "success", text }); }}
          />
        ) : null}
      </Modal>
    </div>
  );
}

function CodeForm({ listType, row, parents, locale, onDone }: { listType: CodeListType; row: Row | null; parents: Parent[]; locale: "zh" | "en"; onDone: (text: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const create = useMutation(trpc.admin.codeLists.create.mutationOptions());
  const save = useMutation(trpc.admin.codeLists.update.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const schema = row ? updateCodeInput : createCodeInput;
  const FIELDS = ["code", "nameZh", "nameEn", "parentCode", "sortOrder"] as const;
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof createCodeInput>, unknown, z.output<typeof createCodeInput>>({
    resolver: zodResolver(schema as typeof createCodeInput),
    defaultValues: row ? { listType, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, parentCode: row.parentCode ?? "", sortOrder: row.sortOrder } : { listType, code: "", nameZh: "", nameEn: "", parentCode: "", sortOrder: 0 },
  });
  const err = (n: (typeof FIELDS)[number]) => (formState.errors[n]?.message ? t(formState.errors[n]!.message!) : undefined);
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      if (row) await save.mutateAsync({ ...v, sortOrder: v.sortOrder });
      else await create.mutateAsync(v);
      onDone(t("admin.codeLists.saved", { code: v.code }));
    } catch (e) {
      setFormError(applyServerErrors(e, setError, FIELDS));
    }
  });
  return (
    <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="code-form">
      <Field id="code-code" label={t("admin.codeLists.code")} error={err("code")} hint={t(`admin.codeLists.format.${listType}`)}>
        <TextInput id="code-code" invalid={!!err("code")} readOnly={!!row} {...register("code")} />
      </Field>
      <Field id="code-sortOrder" label={t("admin.codeLists.sortOrder")} error={err("sortOrder")}>
        <TextInput id="code-sortOrder" type="number" inputMode="numeric" invalid={!!err("sortOrder")} {...register("sortOrder")} />
      </Field>
      <Field id="code-nameZh" label={t("admin.codeLists.nameZh")} error={err("nameZh")}><TextInput id="code-nameZh" invalid={!!err("nameZh")} {...register("nameZh")} /></Field>
      <Field id="code-nameEn" label={t("admin.codeLists.nameEn")} error={err("nameEn")}><TextInput id="code-nameEn" invalid={!!err("nameEn")} {...register("nameEn")} /></Field>
      {HIERARCHICAL_LISTS.includes(listType) ? (
        <Field id="code-parentCode" label={t("admin.codeLists.parent")} error={err("parentCode")}>
          <SelectInput id="code-parentCode" invalid={!!err("parentCode")} {...register("parentCode")}>
            <option value="">—</option>
            {parents.filter((p) => p.code !== row?.code).map((p) => <option key={p.code} value={p.code}>{p.code} · {locale === "zh" ? p.nameZh : p.nameEn}</option>)}
          </SelectInput>
        </Field>
      ) : null}
      {formError ? <div className="sm:col-span-2"><Alert>{formError}</Alert></div> : null}
      <div className="sm:col-span-2"><Button type="submit" disabled={formState.isSubmitting} data-testid="code-save">{t("common.save")}</Button></div>
    </form>
  );
}
