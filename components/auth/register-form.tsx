"use client";
import Link from "next/link";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { fieldErrorsOf, messageOf } from "@/components/trpc/errors";
import { useLocale, useT } from "@/components/i18n/provider";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { registrationSchema, type Registration, type RegistrationInput } from "@/server/domain/validation/registration";

type Values = RegistrationInput & Record<string, unknown>;

export function RegisterForm() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const branches = useQuery(trpc.auth.handlingInstitutions.queryOptions());
  const registerMutation = useMutation(trpc.auth.register.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const router = useRouter();
  const { register, handleSubmit, control, setError, formState } = useForm<Values, unknown, Registration>({
    resolver: zodResolver(registrationSchema) as never,
    defaultValues: { kind: "enterprise", orgType: "sme" } as Values,
  });
  const kind = useWatch({ control, name: "kind" });
  const err = (name: string) => {
    const e = (formState.errors as Record<string, { message?: string } | undefined>)[name];
    return e?.message ? t(e.message) : undefined;
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await registerMutation.mutateAsync(values as unknown as Record<string, unknown>);
      router.push("/login?registered=1");
    } catch (e) {
      const fields = fieldErrorsOf(e);
      // Server-side checks (uniqueness, branch) come back per field, already translated.
      for (const f of fields) setError(f.path as never, { type: "server", message: f.message });
      setFormError(fields.length ? null : messageOf(e));
    }
  });

  const text = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <Field id={name} label={label} error={err(name)}>
      <TextInput id={name} invalid={!!err(name)} {...register(name as never)} {...props} />
    </Field>
  );

  return (
    <div className="w-full max-w-xl rounded-xl bg-white p-8 shadow-xl">
      <h1 className="text-xl font-semibold">{t("register.title")}</h1>
      <form className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">{t("register.kind")}</legend>
          <div className="mt-2 flex gap-6">
            {(["enterprise", "individual"] as const).map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="radio" value={k} {...register("kind")} /> {t(`register.kind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "enterprise" ? (
          <>
            <div className="sm:col-span-2">{text("enterpriseName", t("register.enterpriseName"))}</div>
            {text("creditCode", t("register.creditCode"), { maxLength: 18, autoComplete: "off" })}
            <Field id="orgType" label={t("customers.type")} error={err("orgType")}>
              <SelectInput id="orgType" {...register("orgType" as never)}>
                <option value="sme">{t("customerType.sme")}</option>
                <option value="corporate">{t("customerType.corporate")}</option>
                <option value="public_institution">{t("customerType.public_institution")}</option>
              </SelectInput>
            </Field>
            {text("contactName", t("register.contactName"))}
          </>
        ) : (
          <>
            {text("fullName", t("register.fullName"), { autoComplete: "name" })}
            {text("idNumber", t("register.idNumber"), { maxLength: 18, autoComplete: "off" })}
          </>
        )}
        {text("phone", t("register.phone"), { autoComplete: "tel", inputMode: "tel" })}
        {text("email", t("register.email"), { type: "email", autoComplete: "email" })}
        <Field id="institutionId" label={t("register.branch")} error={err("institutionId")}>
          <SelectInput id="institutionId" invalid={!!err("institutionId")} {...register("institutionId" as never)} defaultValue="">
            <option value="" disabled>{t("register.branchPlaceholder")}</option>
            {branches.data?.map((b) => (
              <option key={b.id} value={b.id}>{b.level === 2 ? "　" : ""}{locale === "zh" ? b.nameZh : b.nameEn}</option>
            ))}
          </SelectInput>
        </Field>
        {text("username", t("register.username"), { autoComplete: "username" })}
        <Field id="password" label={t("register.password")} error={err("password")} hint={t("register.passwordHint")}>
          <TextInput id="password" type="password" autoComplete="new-password" invalid={!!err("password")} {...register("password")} />
        </Field>
        <Field id="passwordConfirm" label={t("register.passwordConfirm")} error={err("passwordConfirm")}>
          <TextInput id="passwordConfirm" type="password" autoComplete="new-password" invalid={!!err("passwordConfirm")} {...register("passwordConfirm")} />
        </Field>
        {formError ? <div className="sm:col-span-2"><Alert>{formError}</Alert></div> : null}
        <div className="sm:col-span-2">
          <Button type="submit" className="w-full" disabled={formState.isSubmitting}>{t("register.submit")}</Button>
        </div>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("register.haveAccount")} <Link className="text-brand-700 underline" href="/login">{t("login.submit")}</Link>
      </p>
    </div>
  );
}
