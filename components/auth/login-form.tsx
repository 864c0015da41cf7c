"use client";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/provider";
import { Field, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

const schema = z.object({
  username: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
});
type Values = z.infer<typeof schema>;

export function LoginForm({ next, signedOut, registered }: { next: string; signedOut: boolean; registered: boolean }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(schema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      const code = result?.error ?? "default";
      setError(["INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "ACCOUNT_DISABLED", "LOGIN_UNAVAILABLE"].includes(code) ? code : "default");
      return;
    }
    // Refresh so server components render with the new session and the user's saved language.
    router.replace(next);
    router.refresh();
  });

  return (
    <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
      <h1 className="text-xl font-semibold">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-slate-500">{t("login.subtitle")}</p>
      <form className="mt-6 space-y-4" onSubmit={onSubmit} noValidate>
        {signedOut ? <Alert kind="info">{t("login.signedOut")}</Alert> : null}
        {registered ? <Alert kind="success">{t("register.success")}</Alert> : null}
        {error ? <Alert kind="error"><span data-testid="login-error" data-code={error}>{t(`login.error.${error}`)}</span></Alert> : null}
        <Field id="username" label={t("login.username")} error={formState.errors.username && t(formState.errors.username.message!)}>
          <TextInput id="username" autoComplete="username" autoFocus invalid={!!formState.errors.username} {...register("username")} />
        </Field>
        <Field id="password" label={t("login.password")} error={formState.errors.password && t(formState.errors.password.message!)}>
          <TextInput id="password" type="password" autoComplete="current-password" invalid={!!formState.errors.password} {...register("password")} />
        </Field>
        <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("login.submitting") : t("login.submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("login.noAccount")} <Link className="text-brand-700 underline" href="/register">{t("login.register")}</Link>
      </p>
    </div>
  );
}
