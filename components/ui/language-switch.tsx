"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { LOCALE_COOKIE } from "@/components/i18n/translate";

/** Switches the UI language; for a signed-in user the choice is saved on the account (remembered per user). */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.auth.setLocale.mutationOptions());
  const next = locale === "zh" ? "en" : "zh";
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      aria-label={t("lang.label")}
      data-testid="language-switch"
      onClick={async () => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        if (signedIn) await save.mutateAsync({ locale: next });
        router.refresh();
      }}
    >
      {t("lang.switch")}
    </button>
  );
}
