"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { actionErrorText } from "../form-errors";
import { ModelStatusBadge } from "./status-badge";

/** Every model with its versions; a draft can be started from any version. */
export function ModelList() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const q = useQuery(trpc.admin.models.list.queryOptions());
  const create = useMutation(trpc.admin.models.createDraft.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  if (q.error) return <Alert>{q.error.message}</Alert>;
  if (!q.data) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6">
      {error ? <Alert>{error}</Alert> : null}
      {q.data.map((m) => (
        <Card key={m.modelId} title={<span>{locale === "zh" ? m.nameZh : m.nameEn} <span className="font-mono text-xs text-slate-500">{m.key}</span> · {t(`models.kind.${m.kind}`)}</span>}>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid={`model-${m.key}`}>
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">{t("models.version")}</th>
                  <th scope="col" className="py-2 pr-4">{t("models.status")}</th>
                  <th scope="col" className="py-2 pr-4">{t("models.customerTypes")}</th>
                  <th scope="col" className="py-2 pr-4">{t("models.publishedAt")}</th>
                  <th scope="col" className="py-2 pr-4">{t("models.createdBy")}</th>
                  <th scope="col" className="py-2" />
                </tr>
              </thead>
              <tbody>
                {m.versions.map((v) => (
                  <tr key={v.id} className="border-t border-slate-100" data-testid={`version-${m.key}-${v.version}`}>
                    <td className="py-2 pr-4 font-mono">v{v.version}</td>
                    <td className="py-2 pr-4"><ModelStatusBadge status={v.status} /></td>
                    <td className="py-2 pr-4">{v.customerTypes.map((c) => t(`customerType.${c}`)).join("、")}</td>
                    <td className="py-2 pr-4">{v.publishedAt ? fmt.format(new Date(v.publishedAt)) : "—"}</td>
                    <td className="py-2 pr-4">{v.createdBy ?? "—"}</td>
                    <td className="space-x-2 whitespace-nowrap py-2 text-right">
                      <Link className="text-brand-700 underline" href={`/admin/models/${v.id}`} data-testid={`open-version-${v.id}`}>{t("models.view")}</Link>
                      {m.versions.some((x) => x.status === "draft") ? null : (
                        <Button
                          variant="secondary"
                          data-testid={`create-draft-${v.id}`}
                          disabled={create.isPending}
                          onClick={async () => {
                            setError(null);
                            try {
                              const d = await create.mutateAsync({ fromVersionId: v.id });
                              router.push(`/admin/models/${d.id}`);
                            } catch (e) {
                              setError(actionErrorText(e));
                            }
                          }}
                        >
                          {t("models.createDraft")}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ))}
    </div>
  );
}
