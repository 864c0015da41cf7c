"use client";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";

export function PrintButton() {
  const t = useT();
  return <Button type="button" variant="secondary" onClick={() => window.print()}>{t("workflow.print")}</Button>;
}
