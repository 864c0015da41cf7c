"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { useT } from "@/components/i18n/provider";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { STAFF_ROLES } from "@/server/domain/authz/roles";
import { createUserInput } from "@/server/domain/admin/users";
import { applyServerErrors } from "../form-errors";
import { generatePassword } from "./generate-password";
import { InstitutionOptions } from "./institution-options";

type In = z.input<typeof createUserInput>;
type Out = z.output<typeof createUserInput>;
const FIELDS = ["username", "displayName", "email", "phone", "role", "institutionId", "locale", "password"] as const;

export function UserCreateForm() {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.admin.users.create.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const { register, handleSubmit, setError, setValue, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(createUserInput),
    defaultValues: { role: "rater", locale: "zh" },
  });
  const err = (name: (typeof FIELDS)[number]) => {
    const m = formState.errors[name]?.message;
    return m ? t(m) : undefined;
  };
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { id } = await create.mutateAsync(values);
      router.push(`/admin/users/${id}?created=1`);
    } catch (e) {
      setFormError(applyServerErrors(e, setError, FIELDS));
    }
  });
  const text = (name: "username" | "displayName" | "email" | "phone", props: Record<string, unknown> = {}) => (
    <Field id={`new-${name}`} label={t(`admin.users.${name}`)} error={err(name)}>
      <TextInput id={`new-${name}`} invalid={!!err(name)} {...register(name)} {...props} />
    </Field>
  );
  return (
    <form className="grid max-w-3xl grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="user-create-form">
      {text("username", { autoComplete: "off" })}
      {text("displayName")}
      {text("email", { type: "email", autoComplete: "off" })}
      {text("phone", { inputMode: "tel" })}
      <Field id="new-role" label={t("admin.users.role")} error={err("role")}>
        <SelectInput id="new-role" invalid={!!err("role")} {...register("role")}>
          {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </SelectInput>
      </Field>
      <Field id="new-institutionId" label={t("admin.users.institution")} error={err("institutionId")}>
        <SelectInput id="new-institutionId" invalid={!!err("institutionId")} defaultValue="" {...register("institutionId")}>
          <option value="" disabled>{t("admin.users.chooseInstitution")}</option>
          <InstitutionOptions />
        </SelectInput>
      </Field>
      <Field id="new-locale" label={t("admin.users.locale")}>
        <SelectInput id="new-locale" {...register("locale")}>
          <option value="zh">中文</option>
          <option value="en">English</option>
        </SelectInput>
      </Field>
      <Field id="new-password" label={t("admin.users.initialPassword")} error={err("password")} hint={t("register.passwordHint")}>
        <div className="flex gap-2">
          <TextInput id="new-password" type={showPassword ? "text" : "password"} autoComplete="new-password" invalid={!!err("password")} {...register("password")} />
          <Button
            type="button"
            variant="secondary"
            className="shrink-0 whitespace-nowrap"
            onClick={() => {
              setValue("password", generatePassword(), { shouldValidate: true });
              setShowPassword(true);
            }}
          >
            {t("admin.users.generate")}
          </Button>
        </div>
      </Field>
      {formError ? <div className="sm:col-span-2"><Alert>{formError}</Alert></div> : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={formState.isSubmitting} data-testid="user-create-submit">{t("admin.users.create")}</Button>
        <Button type="button" variant="secondary" onClick={() => router.push("/admin/users")}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
