"use client";
import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Pager, SortHeader } from "@/components/ui/pager";
import { SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ROLES } from "@/server/domain/authz/roles";
import { USER_SORTS } from "@/server/domain/admin/users";
import { StatusBadge } from "../badges";
import { useUrlState } from "../url-state";

type Sort = (typeof USER_SORTS)[number];
const STATUSES = ["active", "inactive", "locked"] as const;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** User list: search, filters, sort and page live in the URL and are applied by the server. */
export function UserTable() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { sp, update, reset } = useUrlState();
  const state = {
    q: sp.get("q") ?? undefined,
    role: pick(sp.get("role"), ROLES),
    status: pick(sp.get("status"), STATUSES),
    institutionId: Number(sp.get("institutionId")) || undefined,
    sort: pick(sp.get("sort"), USER_SORTS) ?? ("username" as Sort),
    dir: sp.get("dir") === "desc" ? ("desc" as const) : ("asc" as const),
    page: Math.max(1, Number(sp.get("page")) || 1),
    pageSize: 20,
  };
  const [q, setQ] = useState(state.q ?? "");
  const query = useQuery({ ...trpc.admin.users.list.queryOptions(state), placeholderData: keepPreviousData });
  const institutions = useQuery(trpc.admin.institutions.options.queryOptions());
  const onSort = (c: Sort) => update({ sort: c, dir: state.sort === c && state.dir === "asc" ? "desc" : "asc", page: 1 });
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <form
          className="grid flex-1 grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q, page: 1 });
          }}
        >
          <label className="sr-only" htmlFor="user-q">{t("admin.users.search")}</label>
          <TextInput id="user-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("admin.users.search")} />
          <SelectInput id="user-role" aria-label={t("admin.users.role")} value={state.role ?? ""} onChange={(e) => update({ role: e.target.value, page: 1 })}>
            <option value="">{t("admin.users.role")}: {t("common.all")}</option>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </SelectInput>
          <SelectInput id="user-institution" aria-label={t("admin.users.institution")} value={state.institutionId ?? ""} onChange={(e) => update({ institutionId: e.target.value, page: 1 })}>
            <option value="">{t("admin.users.institution")}: {t("common.all")}</option>
            {institutions.data?.map((i) => <option key={i.id} value={i.id}>{"　".repeat(i.level)}{locale === "zh" ? i.nameZh : i.nameEn} ({i.code})</option>)}
          </SelectInput>
          <SelectInput id="user-status" aria-label={t("admin.users.status")} value={state.status ?? ""} onChange={(e) => update({ status: e.target.value, page: 1 })}>
            <option value="">{t("admin.users.status")}: {t("common.all")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`admin.status.${s}`)}</option>)}
          </SelectInput>
          <div className="flex gap-2">
            <Button type="submit">{t("common.search")}</Button>
            <Button type="button" variant="secondary" onClick={() => { setQ(""); reset(); }}>{t("common.reset")}</Button>
          </div>
        </form>
        <Link href="/admin/users/new" className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800" data-testid="user-new">
          {t("admin.users.new")}
        </Link>
      </div>
      {query.error ? <Alert>{query.error.message}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="user-table">
          <thead className="text-slate-500">
            <tr>
              <SortHeader label={t("admin.users.username")} column="username" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.users.displayName")} column="displayName" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.users.role")} column="role" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.users.institution")} column="institution" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.users.status")} column="status" sort={state.sort} dir={state.dir} onSort={onSort} />
              <SortHeader label={t("admin.users.lastLogin")} column="lastLogin" sort={state.sort} dir={state.dir} onSort={onSort} />
            </tr>
          </thead>
          <tbody aria-busy={query.isFetching}>
            {query.data?.rows.map((u) => (
              <tr key={u.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="py-2 pr-3 font-mono"><Link className="text-brand-700 underline" href={`/admin/users/${u.id}`}>{u.username}</Link></td>
                <td className="py-2 pr-3">{u.displayName}</td>
                <td className="py-2 pr-3">{t(`role.${u.role}`)}</td>
                <td className="py-2 pr-3">{u.institutionCode ? `${locale === "zh" ? u.institutionNameZh : u.institutionNameEn}` : "—"}</td>
                <td className="py-2 pr-3"><StatusBadge active={u.status === "active"} locked={u.locked} /></td>
                <td className="py-2 pr-3 tabular-nums">{u.lastLoginAt ? fmt.format(u.lastLoginAt) : "—"}</td>
              </tr>
            ))}
            {query.data && query.data.rows.length === 0 ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.noData")}</td></tr> : null}
            {query.isLoading ? <tr><td colSpan={6} className="py-6 text-center text-slate-500">{t("common.loading")}</td></tr> : null}
          </tbody>
        </table>
      </div>
      {query.data ? <Pager page={state.page} pageSize={state.pageSize} total={query.data.total} onPage={(p) => update({ page: p })} /> : null}
    </div>
  );
}
