"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FormProvider, useForm, type Path } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Alert, PageTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { fieldErrorsOf, type FieldError } from "@/components/trpc/errors";
import type { ModelDefinition } from "@/server/domain/scoring";
import { actionErrorText } from "../form-errors";
import { Modal } from "../modal";
import { DefinitionEditor, inputId } from "./definition-editor";
import { ImpactPreview } from "./impact-preview";
import { ModelStatusBadge } from "./status-badge";
import { VersionDiff } from "./version-diff";
import { BatchRerating } from "./batch-rerating";

type Msg = { kind: "error" | "success"; text: string } | null;
type Confirm = "publish" | "retire" | "discard" | null;

/** One model version: readable always, editable while a draft; publish, retire, diff and impact preview. */
export function ModelVersionView({ id }: { id: number }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const q = useQuery(trpc.admin.models.get.queryOptions({ id }));
  const list = useQuery(trpc.admin.models.list.queryOptions());
  const save = useMutation(trpc.admin.models.saveDraft.mutationOptions());
  const publish = useMutation(trpc.admin.models.publish.mutationOptions());
  const retire = useMutation(trpc.admin.models.retire.mutationOptions());
  const discard = useMutation(trpc.admin.models.discardDraft.mutationOptions());
  const createDraft = useMutation(trpc.admin.models.createDraft.mutationOptions());
  const form = useForm<ModelDefinition & { notes: string }>();
  const [msg, setMsg] = useState<Msg>(null);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [confirm, setConfirm] = useState<Confirm>(null);

  const v = q.data;
  useEffect(() => {
    if (v) form.reset({ ...v.definition, notes: v.notes ?? "" });
  }, [v, form]);

  if (q.error) return <Alert>{q.error.message}</Alert>;
  if (!v) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  const editable = v.status === "draft";
  const model = list.data?.find((m) => m.modelId === v.modelId);
  const others = (model?.versions ?? []).filter((o) => o.id !== v.id);
  const hasDraft = model?.versions.some((o) => o.status === "draft") ?? true;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: trpc.admin.models.get.queryKey({ id }) });
    await qc.invalidateQueries({ queryKey: trpc.admin.models.list.queryKey() });
    // a saved draft changes what the diff and the impact preview show
    await qc.invalidateQueries({ queryKey: trpc.admin.models.diff.queryKey() });
    qc.removeQueries({ queryKey: trpc.admin.models.impact.queryKey() });
  };
  const showErrors = (e: unknown) => {
    const fields = fieldErrorsOf(e);
    form.clearErrors();
    for (const f of fields) form.setError(f.path as Path<ModelDefinition>, { type: "server", message: f.message });
    setProblems(fields);
    setMsg({ kind: "error", text: fields.length ? t("models.invalid", { n: fields.length }) : actionErrorText(e) });
  };

  const onSave = form.handleSubmit(async ({ notes, ...definition }) => {
    setMsg(null);
    setProblems([]);
    form.clearErrors();
    try {
      const r = await save.mutateAsync({ id, definition, notes: notes?.trim() ? notes : null });
      await refresh();
      setMsg({ kind: "success", text: r.changed ? t("models.saved") : t("models.unchanged") });
    } catch (e) {
      showErrors(e);
    }
  });

  const doConfirm = async () => {
    const action = confirm;
    setConfirm(null);
    setMsg(null);
    try {
      if (action === "publish") {
        await publish.mutateAsync({ id });
        setMsg({ kind: "success", text: t("models.published") });
      } else if (action === "retire") {
        await retire.mutateAsync({ id });
        setMsg({ kind: "success", text: t("models.retired") });
      } else if (action === "discard") {
        await discard.mutateAsync({ id });
        await qc.invalidateQueries({ queryKey: trpc.admin.models.list.queryKey() });
        router.push("/admin/models");
        return;
      }
      await refresh();
    } catch (e) {
      showErrors(e);
    }
  };

  const types = v.customerTypes.map((c) => t(`customerType.${c}`)).join("、");
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle subtitle={<>{t(`models.kind.${v.kind}`)} · {types} · {t("models.checksum")} <code className="text-xs">{v.checksum.slice(0, 12)}</code></>}>
          {locale === "zh" ? v.nameZh : v.nameEn} v{v.version} <ModelStatusBadge status={v.status} testId="version-status" />
        </PageTitle>
        <Link href="/admin/models" className="text-sm text-brand-700 underline">{t("models.back")}</Link>
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div><dt className="text-xs text-slate-500">{t("models.basedOn")}</dt><dd>{others.find((o) => o.id === v.basedOnVersionId) ? `v${others.find((o) => o.id === v.basedOnVersionId)!.version}` : "—"}</dd></div>
        <div><dt className="text-xs text-slate-500">{t("models.createdBy")}</dt><dd>{v.createdBy ?? "—"}</dd></div>
        <div><dt className="text-xs text-slate-500">{t("models.publishedAt")}</dt><dd>{v.publishedAt ? fmt.format(new Date(v.publishedAt)) : "—"}</dd></div>
        <div><dt className="text-xs text-slate-500">{t("models.retiredAt")}</dt><dd>{v.retiredAt ? fmt.format(new Date(v.retiredAt)) : "—"}</dd></div>
      </dl>

      {msg ? (
        <div role={msg.kind === "error" ? "alert" : "status"} data-testid={`model-${msg.kind}`}>
          <Alert kind={msg.kind}>
            {msg.text}
            {problems.length ? (
              <ul className="mt-1 list-disc pl-5">
                {problems.map((p, i) => (
                  <li key={i}><a className="underline" href={`#${inputId(p.path)}`}><code className="text-xs">{p.path}</code></a>: {p.message}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}
      {!editable ? <p className="text-sm text-slate-500">{t("models.readOnly", { status: t(`models.status.${v.status}`) })}</p> : null}
      {v.issues.length ? <Alert>{v.issues.map((i) => `${i.path}: ${i.message}`).join(" · ")}</Alert> : null}

      <FormProvider {...form}>
        <form onSubmit={onSave} noValidate className="space-y-6" data-testid="model-form">
          <DefinitionEditor definition={v.definition} scale={v.scale} editable={editable} />
          {editable ? (
            <div className="space-y-1">
              <label htmlFor="model-notes" className="block text-sm font-medium text-slate-700">{t("models.notes")}</label>
              <textarea id="model-notes" rows={2} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" {...form.register("notes")} />
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {editable ? (
              <>
                <Button type="submit" data-testid="save-draft" disabled={save.isPending}>{t("models.save")}</Button>
                <Button type="button" variant="secondary" data-testid="publish" onClick={() => setConfirm("publish")}>{t("models.publish")}</Button>
                <Button type="button" variant="danger" data-testid="discard" onClick={() => setConfirm("discard")}>{t("models.discard")}</Button>
              </>
            ) : null}
            {v.status === "published" ? <Button type="button" variant="danger" data-testid="retire" onClick={() => setConfirm("retire")}>{t("models.retire")}</Button> : null}
            {!editable && !hasDraft ? (
              <Button
                type="button"
                variant="secondary"
                data-testid="create-draft"
                onClick={async () => {
                  try {
                    const d = await createDraft.mutateAsync({ fromVersionId: id });
                    await qc.invalidateQueries({ queryKey: trpc.admin.models.list.queryKey() });
                    router.push(`/admin/models/${d.id}`);
                  } catch (e) {
                    showErrors(e);
                  }
                }}
              >
                {t("models.createDraft")}
              </Button>
            ) : null}
          </div>
        </form>
      </FormProvider>

      {editable ? <ImpactPreview draftId={id} /> : null}
      {v.status === "published" ? <BatchRerating versionId={id} /> : null}
      {others.length ? <VersionDiff versionId={id} others={others} defaultOther={v.basedOnVersionId ?? undefined} /> : null}

      <Modal open={confirm !== null} title={confirm ? t(`models.${confirm}`) : ""} onClose={() => setConfirm(null)} testId="confirm-dialog">
        <p className="text-sm">{confirm === "publish" ? t("models.publishConfirm", { types }) : confirm === "retire" ? t("models.retireConfirm") : t("models.discardConfirm")}</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>{t("common.cancel")}</Button>
          <Button variant={confirm === "publish" ? "primary" : "danger"} data-testid="confirm" onClick={doConfirm}>{t("models.confirm")}</Button>
        </div>
      </Modal>
    </div>
  );
}
