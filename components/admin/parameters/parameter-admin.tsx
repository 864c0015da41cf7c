"use client";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useForm, useWatch, type FieldErrors } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { ESCALATION_GRADES, NOTCH_ROLES, PARAMETER_DEFS, UPLOAD_TYPES, type ParameterKey } from "@/server/domain/admin/parameters";
import { fieldErrorsOf } from "@/components/trpc/errors";
import { actionErrorText } from "../form-errors";

type Msg = { kind: "error" | "success"; text: string } | null;
type ParamRow = { key: ParameterKey; value: unknown; isDefault: boolean; updatedAt: Date | null; updatedBy: string | null };

/** Global parameters, each with its own validated form, and the escalation grade per institution. */
export function ParameterAdmin() {
  const t = useT();
  const trpc = useTRPC();
  const q = useQuery(trpc.admin.parameters.list.queryOptions());
  if (q.error) return <Alert>{q.error.message}</Alert>;
  if (!q.data) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  const byKey = new Map(q.data.map((r) => [r.key, r as ParamRow]));
  const card = (key: ParameterKey) => <ParamCard key={key} row={byKey.get(key)!} />;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 xl:grid-cols-2">
        {card("escalation.grade")}
        {card("escalation.amount")}
        {card("override.maxNotches")}
        {card("rating.validityMonths")}
        {card("upload.maxBytes")}
        {card("upload.allowedTypes")}
        {card("sync.schedule")}
      </div>
      <Thresholds />
    </div>
  );
}

/** Number inputs give strings; parameters are numbers. Empty stays invalid (NaN fails the schema). */
const num = { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? Number.NaN : Number(v)) };

function errorAt(errors: FieldErrors, path: string): string | undefined {
  let cur: unknown = errors;
  for (const part of path.split(".")) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return (cur as { message?: string } | undefined)?.message;
}

function ParamCard({ row }: { row: ParamRow }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const save = useMutation(trpc.admin.parameters.set.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const schema = z.object({ value: PARAMETER_DEFS[row.key].schema as z.ZodType });
  const { register, handleSubmit, setError, formState, control } = useForm<{ value: unknown }>({ resolver: zodResolver(schema) as never, defaultValues: { value: row.value } });
  const watched = useWatch({ control, name: "value" });
  const err = (path = "value") => {
    const m = errorAt(formState.errors, path);
    return m ? t(m) : undefined;
  };
  const id = (suffix = "") => `param-${row.key.replace(/\./g, "-")}${suffix}`;
  const onSubmit = handleSubmit(async (v) => {
    setMsg(null);
    try {
      const r = await save.mutateAsync({ key: row.key, institutionId: null, value: v.value });
      await qc.invalidateQueries({ queryKey: trpc.admin.parameters.list.queryKey() });
      await qc.invalidateQueries({ queryKey: trpc.admin.parameters.thresholds.queryKey() });
      setMsg({ kind: "success", text: r.changed ? t("admin.saved") : t("admin.unchanged") });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      for (const f of fields) setError(f.path as "value", { type: "server", message: f.message });
      if (!fields.length) setMsg({ kind: "error", text: actionErrorText(e) });
    }
  });
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });
  let editor: ReactNode;
  switch (row.key) {
    case "escalation.grade":
      editor = (
        <Field id={id()} label={t("admin.params.value")} error={err()}>
          <SelectInput id={id()} invalid={!!err()} {...register("value")}>{ESCALATION_GRADES.map((g) => <option key={g} value={g}>{g}</option>)}</SelectInput>
        </Field>
      );
      break;
    case "override.maxNotches":
      editor = (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {NOTCH_ROLES.map((r) => (
            <Field key={r} id={id(`-${r}`)} label={t(`role.${r}`)} error={err(`value.${r}`)}>
              <TextInput id={id(`-${r}`)} type="number" inputMode="numeric" min={0} max={5} invalid={!!err(`value.${r}`)} {...register(`value.${r}` as "value", num)} />
            </Field>
          ))}
        </div>
      );
      break;
    case "upload.allowedTypes":
      editor = (
        <fieldset>
          <legend className="sr-only">{t("admin.params.key.upload.allowedTypes")}</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {UPLOAD_TYPES.map((m) => (
              <label key={m} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={m} {...register("value")} /> {t(`admin.params.mime.${m}`)}
              </label>
            ))}
          </div>
          {err() ? <p className="mt-1 text-sm text-red-700" data-field-error={id()}>{err()}</p> : null}
        </fieldset>
      );
      break;
    case "sync.schedule":
      editor = (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" {...register("value.enabled" as "value")} /> {t("admin.params.syncEnabled")}
          </label>
          <Field id={id("-cron")} label={t("admin.params.cron")} error={err("value.cron")} hint={t("admin.params.cronHint")}>
            <TextInput id={id("-cron")} className="font-mono" invalid={!!err("value.cron")} {...register("value.cron" as "value")} />
          </Field>
        </div>
      );
      break;
    default: {
      const bytes = row.key === "upload.maxBytes" ? Number(watched) : NaN;
      editor = (
        <Field id={id()} label={t(`admin.params.unit.${row.key}`)} error={err()} hint={Number.isFinite(bytes) ? t("admin.params.mib", { n: (bytes / 1_048_576).toFixed(2) }) : undefined}>
          <TextInput id={id()} type="number" inputMode="numeric" invalid={!!err()} {...register("value", num)} />
        </Field>
      );
    }
  }
  return (
    <Card title={t(`admin.params.key.${row.key}`)}>
      <form className="space-y-4" onSubmit={onSubmit} noValidate data-testid={`param-form-${row.key}`}>
        <p className="text-sm text-slate-600">{t(`admin.params.help.${row.key}`)}</p>
        {editor}
        <p className="text-xs text-slate-500">
          {row.isDefault
            ? t("admin.params.isDefault")
            : row.updatedBy
              ? t("admin.params.lastChange", { user: row.updatedBy, at: row.updatedAt ? fmt.format(row.updatedAt) : "—" })
              : t("admin.params.initial", { at: row.updatedAt ? fmt.format(row.updatedAt) : "—" })}
          {" · "}
          <Link className="text-brand-700 underline" href={`/admin/audit?entityType=parameter&entityId=${encodeURIComponent(row.key)}`}>{t("admin.users.history")}</Link>
        </p>
        {msg ? <Alert kind={msg.kind}>{msg.text}</Alert> : null}
        <Button type="submit" disabled={formState.isSubmitting} data-testid={`param-save-${row.key}`}>{t("common.save")}</Button>
      </form>
    </Card>
  );
}

function Thresholds() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.admin.parameters.thresholds.queryOptions());
  const set = useMutation(trpc.admin.parameters.set.mutationOptions());
  const clear = useMutation(trpc.admin.parameters.clear.mutationOptions());
  const [msg, setMsg] = useState<Msg>(null);
  const [draft, setDraft] = useState<Record<number, string>>({});
  if (!q.data) return null;
  const byId = new Map(q.data.map((n) => [n.id, n]));
  const nm = (n: { nameZh: string; nameEn: string }) => (locale === "zh" ? n.nameZh : n.nameEn);
  const apply = async (id: number, value: string) => {
    setMsg(null);
    try {
      if (value === "") await clear.mutateAsync({ key: "escalation.grade", institutionId: id });
      else await set.mutateAsync({ key: "escalation.grade", institutionId: id, value });
      await qc.invalidateQueries({ queryKey: trpc.admin.parameters.thresholds.queryKey() });
      await qc.invalidateQueries({ queryKey: trpc.admin.institutions.tree.queryKey() });
      setDraft((d) => { const next = { ...d }; delete next[id]; return next; });
      setMsg({ kind: "success", text: t("admin.params.thresholdSaved", { name: nm(byId.get(id)!) }) });
    } catch (e) {
      setMsg({ kind: "error", text: actionErrorText(e) });
    }
  };
  return (
    <Card title={t("admin.params.thresholds")}>
      <p className="mb-3 text-sm text-slate-600">{t("admin.params.thresholdsHelp")}</p>
      {msg ? <div className="mb-3"><Alert kind={msg.kind}>{msg.text}</Alert></div> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="threshold-table">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("admin.users.institution")}</th>
              <th className="py-2 pr-3 font-medium">{t("admin.params.effective")}</th>
              <th className="py-2 pr-3 font-medium">{t("admin.params.source")}</th>
              <th className="py-2 pr-3 font-medium">{t("admin.params.own")}</th>
              <th className="py-2 pr-3 font-medium"><span className="sr-only">{t("common.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((n) => {
              const src = n.source;
              const sourceText =
                src.kind === "own" ? t("admin.params.source.own")
                : src.kind === "inherited" ? t("admin.params.source.inherited", { name: byId.get(src.institutionId) ? nm(byId.get(src.institutionId)!) : String(src.institutionId) })
                : src.kind === "global" ? t("admin.params.source.global") : t("admin.params.source.default");
              const value = draft[n.id] ?? n.own ?? "";
              return (
                <tr key={n.id} className="border-t border-slate-100" data-testid={`threshold-row-${n.code}`}>
                  <td className="py-2 pr-3" style={{ paddingLeft: `${n.level * 1.25}rem` }}>{nm(n)} <span className="font-mono text-xs text-slate-400">{n.code}</span></td>
                  <td className="py-2 pr-3 font-semibold" data-testid={`threshold-effective-${n.code}`}>{n.effective}</td>
                  <td className="py-2 pr-3 text-slate-600" data-testid={`threshold-source-${n.code}`}>{sourceText}</td>
                  <td className="py-2 pr-3">
                    <label className="sr-only" htmlFor={`threshold-${n.id}`}>{t("admin.params.own")} {nm(n)}</label>
                    <SelectInput id={`threshold-${n.id}`} className="w-40" value={value} onChange={(e) => setDraft((d) => ({ ...d, [n.id]: e.target.value }))}>
                      <option value="">{t("admin.params.inherit")}</option>
                      {ESCALATION_GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
                    </SelectInput>
                  </td>
                  <td className="py-2 pr-3">
                    <Button type="button" variant="secondary" className="px-3 py-1" disabled={draft[n.id] === undefined || draft[n.id] === (n.own ?? "")} onClick={() => apply(n.id, value)} data-testid={`threshold-save-${n.code}`}>
                      {t("common.save")}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
