"use client";
import { signOut } from "next-auth/react";
import { useT } from "@/components/i18n/provider";

export function SignOutButton() {
  const t = useT();
  return (
    <button type="button" className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" onClick={() => signOut({ callbackUrl: "/login?signedOut=1" })} data-testid="sign-out">
      {t("nav.signOut")}
    </button>
  );
}
