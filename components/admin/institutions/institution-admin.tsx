"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { createInstitutionInput, moveInstitutionInput, updateInstitutionInput } from "@/server/domain/admin/institutions";
import { StatusBadge } from "../badges";
import { actionErrorText, applyServerErrors } from "../form-errors";
import { useUrlState } from "../url-state";

type TreeData = { nodes: Node[]; regions: { code: string; nameZh: string; nameEn: string; parentCode: string | null }[] };
type Node = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: number | null;
  level: number;
  path: string;
  regionCode: string;
  active: boolean;
  users: number;
  activeUsers: number;
  customers: number;
  openApplications: number;
  escalationGrade: string;
  escalationSource: { kind: "own" } | { kind: "inherited"; institutionId: number } | { kind: "global" } | { kind: "default" };
};
type Msg = { kind: "error" | "success"; text: string } | null;

/** The institution tree on the left, the selected institution's details and actions on the right. */
export function InstitutionAdmin() {
  const t = useT();
  const trpc = useTRPC();
  const { sp, update } = useUrlState();
  const q = useQuery(trpc.admin.institutions.tree.queryOptions());
  const selectedId = Number(sp.get("id")) || undefined;
  const data = q.data as TreeData | undefined;
  const selected = data?.nodes.find((n) => n.id === selectedId) ?? data?.nodes[0];
  if (q.error) return <Alert>{q.error.message}</Alert>;
  if (!data || !selected) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
      <Card title={t("admin.institutions.tree")}>
        <Tree nodes={data.nodes} selectedId={selected.id} onSelect={(id) => update({ id })} />
      </Card>
      <Detail key={selected.id} node={selected} data={data} onSelect={(id) => update({ id })} />
    </div>
  );
}

function name(n: { nameZh: string; nameEn: string }, locale: "zh" | "en") {
  return locale === "zh" ? n.nameZh : n.nameEn;
}

function Tree({ nodes, selectedId, onSelect }: { nodes: Node[]; selectedId: number; onSelect: (id: number) => void }) {
  const locale = useLocale();
  const t = useT();
  const children = useMemo(() => {
    const m = new Map<number | null, Node[]>();
    for (const n of nodes) m.set(n.parentId, [...(m.get(n.parentId) ?? []), n]);
    for (const list of m.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    return m;
  }, [nodes]);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState("");
  // With a filter: the matching institutions and their ancestors, all expanded.
  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return null;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const keep = new Set<number>();
    for (const n of nodes) {
      if (![n.code, n.nameZh, n.nameEn].some((v) => v.toLowerCase().includes(q))) continue;
      for (let cur: Node | undefined = n; cur && !keep.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) keep.add(cur.id);
    }
    return keep;
  }, [nodes, filter]);
  const render = (parentId: number | null, depth: number) => {
    const list = (children.get(parentId) ?? []).filter((n) => !visible || visible.has(n.id));
    if (!list.length) return null;
    return (
      <ul className={depth ? "ml-4 border-l border-slate-200 pl-2" : ""} role={depth ? "group" : "tree"} aria-label={depth ? undefined : t("admin.institutions.tree")}>
        {list.map((n) => {
          const kids = children.get(n.id)?.length ?? 0;
          const open = visible !== null || !collapsed.has(n.id);
          return (
            <li key={n.id} role="treeitem" aria-selected={n.id === selectedId} aria-expanded={kids ? open : undefined} data-testid={`inst-node-${n.code}`} data-path={n.path}>
              <div className="flex items-center gap-1">
                {kids ? (
                  <button
                    type="button"
                    className="h-6 w-6 rounded text-xs text-slate-500 hover:bg-slate-100"
                    aria-label={t(open ? "admin.institutions.collapse" : "admin.institutions.expand")}
                    onClick={() => setCollapsed((s) => { const next = new Set(s); if (open) next.add(n.id); else next.delete(n.id); return next; })}
                  >
                    {open ? "▾" : "▸"}
                  </button>
                ) : <span className="inline-block h-6 w-6" aria-hidden />}
                <button
                  type="button"
                  onClick={() => onSelect(n.id)}
                  className={`flex flex-1 items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm ${n.id === selectedId ? "bg-brand-50 font-medium text-brand-800" : "hover:bg-slate-100"} ${n.active ? "" : "text-slate-400 line-through"}`}
                >
                  <span>{name(n, locale)}</span>
                  <span className="font-mono text-xs text-slate-400">{n.code}</span>
                </button>
              </div>
              {open ? render(n.id, depth + 1) : null}
            </li>
          );
        })}
      </ul>
    );
  };
  return (
    <div data-testid="institution-admin-tree">
      <label className="sr-only" htmlFor="institution-filter">{t("admin.institutions.filter")}</label>
      <TextInput id="institution-filter" className="mb-3" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t("admin.institutions.filter")} />
      {render(null, 0) ?? <p className="text-sm text-slate-500">{t("common.noData")}</p>}
    </div>
  );
}

function useRefreshTree() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: trpc.admin.institutions.tree.queryKey() }), qc.invalidateQueries({ queryKey: trpc.admin.institutions.options.queryKey() })]);
}

function Detail({ node, data, onSelect }: { node: Node; data: TreeData; onSelect: (id: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const parent = node.parentId ? byId.get(node.parentId) : undefined;
  const region = data.regions.find((r) => r.code === node.regionCode);
  const src = node.escalationSource;
  const sourceText =
    src.kind === "own" ? t("admin.params.source.own")
    : src.kind === "inherited" ? t("admin.params.source.inherited", { name: byId.get(src.institutionId) ? name(byId.get(src.institutionId)!, locale) : String(src.institutionId) })
    : src.kind === "global" ? t("admin.params.source.global") : t("admin.params.source.default");
  return (
    <div className="space-y-6" data-testid="institution-detail">
      <Card title={`${name(node, locale)} · ${node.code}`} actions={<StatusBadge active={node.active} testId="institution-status" />}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Item label={t("admin.institutions.parent")} value={parent ? `${name(parent, locale)} (${parent.code})` : "—"} testId="institution-parent" />
          <Item label={t("admin.institutions.level")} value={t(`admin.institutions.levelName.${Math.min(node.level, 3)}`)} />
          <Item label={t("admin.institutions.region")} value={region ? `${name(region, locale)} (${region.code})` : node.regionCode} />
          <Item label={t("admin.institutions.path")} value={<span className="font-mono">{node.path}</span>} testId="institution-path" />
          <Item label={t("admin.institutions.users")} value={t("admin.institutions.usersCount", { total: node.users, active: node.activeUsers })} />
          <Item label={t("admin.institutions.customers")} value={node.customers} />
          <Item label={t("admin.institutions.openApplications")} value={node.openApplications} />
          <Item label={t("admin.institutions.escalation")} value={<><span className="font-semibold" data-testid="institution-escalation">{node.escalationGrade}</span> <span className="text-slate-500">· {sourceText}</span></>} />
        </dl>
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 underline" href={`/admin/users?institutionId=${node.id}`}>{t("admin.institutions.showUsers")}</Link>
          {" · "}
          <Link className="text-brand-700 underline" href={`/admin/audit?entityType=institution&entityId=${node.id}`}>{t("admin.users.history")}</Link>
        </p>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <EditCard node={node} regions={data.regions} />
        <MoveCard node={node} nodes={data.nodes} />
        <StatusCard node={node} />
        {node.active ? <CreateChildCard parent={node} regions={data.regions} onCreated={onSelect} /> : null}
      </div>
    </div>
  );
}

function Item({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1 sm:block">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function RegionOptions({ regions }: { regions: TreeData["regions"] }) {
  const locale = useLocale();
  return <>{regions.map((r) => <option key={r.code} value={r.code}>{r.parentCode ? "　" : ""}{name(r, locale)} ({r.code})</option>)}</>;
}

function EditCard({ node, regions }: { node: Node; regions: TreeData["regions"] }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshTree();
  const save = useMutation(trpc.admin.institutions.update.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const FIELDS = ["code", "nameZh", "nameEn", "regionCode"] as const;
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof updateInstitutionInput>, unknown, z.output<typeof updateInstitutionInput>>({
    resolver: zodResolver(updateInstitutionInput),
    defaultValues: { id: node.id, code: node.code, nameZh: node.nameZh, nameEn: node.nameEn, regionCode: node.regionCode },
  });
  const err = (n: (typeof FIELDS)[number]) => (formState.errors[n]?.message ? t(formState.errors[n]!.message!) : undefined);
  const onSubmit = handleSubmit(async (v) => {
    setMsg(null);
    try {
      const r = await save.mutateAsync(v);
      await refresh();
      setMsg({ kind: "success", text: r.changed ? t("admin.saved") : t("admin.unchanged") });
    } catch (e) {
      const text = applyServerErrors(e, setError, FIELDS);
      if (text) setMsg({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.institutions.edit")}>
      <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="institution-edit-form">
        <Field id="edit-code" label={t("admin.institutions.code")} error={err("code")}><TextInput id="edit-code" invalid={!!err("code")} {...register("code")} /></Field>
        <Field id="edit-regionCode" label={t("admin.institutions.region")} error={err("regionCode")}>
          <SelectInput id="edit-regionCode" invalid={!!err("regionCode")} {...register("regionCode")}><RegionOptions regions={regions} /></SelectInput>
        </Field>
        <Field id="edit-nameZh" label={t("admin.institutions.nameZh")} error={err("nameZh")}><TextInput id="edit-nameZh" invalid={!!err("nameZh")} {...register("nameZh")} /></Field>
        <Field id="edit-nameEn" label={t("admin.institutions.nameEn")} error={err("nameEn")}><TextInput id="edit-nameEn" invalid={!!err("nameEn")} {...register("nameEn")} /></Field>
        {msg ? <div className="sm:col-span-2"><Alert kind={msg.kind}>{msg.text}</Alert></div> : null}
        <div className="sm:col-span-2"><Button type="submit" disabled={formState.isSubmitting}>{t("common.save")}</Button></div>
      </form>
    </Card>
  );
}

function MoveCard({ node, nodes }: { node: Node; nodes: Node[] }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const refresh = useRefreshTree();
  const move = useMutation(trpc.admin.institutions.move.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof moveInstitutionInput>, unknown, z.output<typeof moveInstitutionInput>>({
    resolver: zodResolver(moveInstitutionInput),
    defaultValues: { id: node.id, parentId: node.parentId ?? undefined },
  });
  const err = formState.errors.parentId?.message ? t(formState.errors.parentId.message) : undefined;
  if (node.parentId === null) {
    return <Card title={t("admin.institutions.move")}><p className="text-sm text-slate-500">{t("admin.institutions.error.moveRoot")}</p></Card>;
  }
  // Institutions inside the moved subtree are not offered (the server refuses them anyway: a cycle).
  const targets = nodes.filter((n) => n.active && !n.path.startsWith(node.path));
  const onSubmit = handleSubmit(async (v) => {
    setMsg(null);
    try {
      const r = await move.mutateAsync(v);
      await refresh();
      setMsg({ kind: "success", text: r.changed ? t("admin.institutions.moved", { n: r.institutions }) : t("admin.unchanged") });
    } catch (e) {
      const text = applyServerErrors(e, setError, ["parentId"]);
      if (text) setMsg({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.institutions.move")}>
      <form className="space-y-4" onSubmit={onSubmit} noValidate data-testid="institution-move-form">
        <Field id="move-parentId" label={t("admin.institutions.newParent")} error={err} hint={t("admin.institutions.moveHint")}>
          <SelectInput id="move-parentId" invalid={!!err} {...register("parentId")}>
            {targets.map((n) => <option key={n.id} value={n.id}>{"　".repeat(n.level)}{name(n, locale)} ({n.code})</option>)}
          </SelectInput>
        </Field>
        {msg ? <Alert kind={msg.kind}>{msg.text}</Alert> : null}
        <Button type="submit" disabled={formState.isSubmitting} data-testid="institution-move-submit">{t("admin.institutions.moveSubmit")}</Button>
      </form>
    </Card>
  );
}

function StatusCard({ node }: { node: Node }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshTree();
  const setActive = useMutation(trpc.admin.institutions.setActive.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const run = async (active: boolean) => {
    setMsg(null);
    try {
      await setActive.mutateAsync({ id: node.id, active });
      await refresh();
      setMsg({ kind: "success", text: t(active ? "admin.institutions.reactivated" : "admin.institutions.deactivated") });
    } catch (e) {
      setMsg({ kind: "error", text: actionErrorText(e) });
    }
  };
  return (
    <Card title={t("admin.institutions.status")}>
      <p className="mb-3 text-sm text-slate-600">{t("admin.institutions.deactivateRule")}</p>
      {node.active ? (
        <Button type="button" variant="danger" data-testid="institution-deactivate" onClick={() => { if (window.confirm(t("admin.institutions.confirmDeactivate", { code: node.code }))) void run(false); }}>
          {t("admin.institutions.deactivate")}
        </Button>
      ) : (
        <Button type="button" data-testid="institution-reactivate" onClick={() => run(true)}>{t("admin.institutions.reactivate")}</Button>
      )}
      {msg ? <div className="mt-3"><Alert kind={msg.kind}>{msg.text}</Alert></div> : null}
    </Card>
  );
}

function CreateChildCard({ parent, regions, onCreated }: { parent: Node; regions: TreeData["regions"]; onCreated: (id: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const refresh = useRefreshTree();
  const create = useMutation(trpc.admin.institutions.create.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const FIELDS = ["code", "nameZh", "nameEn", "regionCode"] as const;
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof createInstitutionInput>, unknown, z.output<typeof createInstitutionInput>>({
    resolver: zodResolver(createInstitutionInput),
    defaultValues: { parentId: parent.id, regionCode: parent.regionCode, code: "", nameZh: "", nameEn: "" },
  });
  const err = (n: (typeof FIELDS)[number]) => (formState.errors[n]?.message ? t(formState.errors[n]!.message!) : undefined);
  const onSubmit = handleSubmit(async (v) => {
    setMsg(null);
    try {
      const { id } = await create.mutateAsync(v);
      await refresh();
      onCreated(id);
    } catch (e) {
      const text = applyServerErrors(e, setError, FIELDS);
      if (text) setMsg({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.institutions.addChild", { name: name(parent, locale) })}>
      <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="institution-create-form">
        <Field id="new-code" label={t("admin.institutions.code")} error={err("code")}><TextInput id="new-code" invalid={!!err("code")} {...register("code")} /></Field>
        <Field id="new-regionCode" label={t("admin.institutions.region")} error={err("regionCode")}>
          <SelectInput id="new-regionCode" invalid={!!err("regionCode")} {...register("regionCode")}><RegionOptions regions={regions} /></SelectInput>
        </Field>
        <Field id="new-nameZh" label={t("admin.institutions.nameZh")} error={err("nameZh")}><TextInput id="new-nameZh" invalid={!!err("nameZh")} {...register("nameZh")} /></Field>
        <Field id="new-nameEn" label={t("admin.institutions.nameEn")} error={err("nameEn")}><TextInput id="new-nameEn" invalid={!!err("nameEn")} {...register("nameEn")} /></Field>
        {msg ? <div className="sm:col-span-2"><Alert kind={msg.kind}>{msg.text}</Alert></div> : null}
        <div className="sm:col-span-2"><Button type="submit" disabled={formState.isSubmitting} data-testid="institution-create-submit">{t("admin.institutions.create")}</Button></div>
      </form>
    </Card>
  );
}
