"use client";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { useLocale, useT } from "@/components/i18n/provider";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { isApplicantRole, STAFF_ROLES } from "@/server/domain/authz/roles";
import { resetPasswordInput, setUserAssignmentInput, updateUserProfileInput } from "@/server/domain/admin/users";
import { StatusBadge } from "../badges";
import { actionErrorText, applyServerErrors } from "../form-errors";
import { generatePassword } from "./generate-password";
import { InstitutionOptions } from "./institution-options";

type Detail = NonNullable<ReturnType<typeof useUserDetail>["data"]>;

function useUserDetail(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.admin.users.get.queryOptions({ id }));
}

/** One user: profile, role and institution, and account actions (status, unlock, password). */
export function UserDetail({ id, created }: { id: string; created: boolean }) {
  const t = useT();
  const locale = useLocale();
  const q = useUserDetail(id);
  if (q.error) return <Alert>{q.error.message}</Alert>;
  if (!q.data) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  const u = q.data;
  const fmt = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6" data-testid="user-detail">
      {created ? <Alert kind="success">{t("admin.users.created", { username: u.username })}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span className="font-mono text-base text-slate-900" data-testid="user-username">{u.username}</span>
        <StatusBadge active={u.status === "active"} locked={u.locked} testId="user-status" />
        <span>{t("admin.users.lastLogin")}: {u.lastLoginAt ? fmt.format(u.lastLoginAt) : "—"}</span>
        <span>{t("admin.users.passwordChanged")}: {fmt.format(u.passwordChangedAt)}</span>
        <Link className="text-brand-700 underline" href={`/admin/audit?entityId=${encodeURIComponent(u.id)}`}>{t("admin.users.history")}</Link>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <ProfileCard user={u} />
        <AssignmentCard user={u} />
        <AccountCard user={u} />
        <PasswordCard user={u} />
      </div>
    </div>
  );
}

function useRefresh(id: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: trpc.admin.users.get.queryKey({ id }) }), qc.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() })]);
}

function ProfileCard({ user }: { user: Detail }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh(user.id);
  const save = useMutation(trpc.admin.users.updateProfile.mutationOptions());
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const FIELDS = ["displayName", "email", "phone", "locale"] as const;
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof updateUserProfileInput>, unknown, z.output<typeof updateUserProfileInput>>({
    resolver: zodResolver(updateUserProfileInput),
    defaultValues: { id: user.id, displayName: user.displayName, email: user.email, phone: user.phone ?? "", locale: user.locale },
  });
  const err = (n: (typeof FIELDS)[number]) => (formState.errors[n]?.message ? t(formState.errors[n]!.message!) : undefined);
  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    try {
      await save.mutateAsync(v);
      await refresh();
      setMessage({ kind: "success", text: t("admin.saved") });
    } catch (e) {
      const text = applyServerErrors(e, setError, FIELDS);
      if (text) setMessage({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.users.profile")}>
      <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="user-profile-form">
        <Field id="displayName" label={t("admin.users.displayName")} error={err("displayName")}><TextInput id="displayName" invalid={!!err("displayName")} {...register("displayName")} /></Field>
        <Field id="email" label={t("admin.users.email")} error={err("email")}><TextInput id="email" type="email" invalid={!!err("email")} {...register("email")} /></Field>
        <Field id="phone" label={t("admin.users.phone")} error={err("phone")}><TextInput id="phone" inputMode="tel" invalid={!!err("phone")} {...register("phone")} /></Field>
        <Field id="locale" label={t("admin.users.locale")}>
          <SelectInput id="locale" {...register("locale")}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </SelectInput>
        </Field>
        {message ? <div className="sm:col-span-2"><Alert kind={message.kind}>{message.text}</Alert></div> : null}
        <div className="sm:col-span-2"><Button type="submit" disabled={formState.isSubmitting}>{t("common.save")}</Button></div>
      </form>
    </Card>
  );
}

function AssignmentCard({ user }: { user: Detail }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh(user.id);
  const save = useMutation(trpc.admin.users.setAssignment.mutationOptions());
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const FIELDS = ["role", "institutionId"] as const;
  const applicant = isApplicantRole(user.role);
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof setUserAssignmentInput>, unknown, z.output<typeof setUserAssignmentInput>>({
    resolver: zodResolver(setUserAssignmentInput),
    defaultValues: { id: user.id, role: user.role, institutionId: user.institutionId ?? undefined },
  });
  const err = (n: (typeof FIELDS)[number]) => (formState.errors[n]?.message ? t(formState.errors[n]!.message!) : undefined);
  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    try {
      const r = await save.mutateAsync(v);
      await refresh();
      setMessage({ kind: "success", text: r.changed ? t("admin.users.assignmentSaved") : t("admin.unchanged") });
    } catch (e) {
      const text = applyServerErrors(e, setError, FIELDS);
      if (text) setMessage({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.users.assignment")}>
      <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="user-assignment-form">
        <Field id="role" label={t("admin.users.role")} error={err("role")}>
          <SelectInput id="role" invalid={!!err("role")} {...register("role")}>
            {(applicant ? [user.role] : STAFF_ROLES).map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </SelectInput>
        </Field>
        <Field id="institutionId" label={t("admin.users.institution")} error={err("institutionId")}>
          <SelectInput id="institutionId" invalid={!!err("institutionId")} {...register("institutionId")}>
            <InstitutionOptions />
          </SelectInput>
        </Field>
        <p className="text-xs text-slate-500 sm:col-span-2">{t("admin.users.sessionsNote")}</p>
        {message ? <div className="sm:col-span-2"><Alert kind={message.kind}>{message.text}</Alert></div> : null}
        <div className="sm:col-span-2"><Button type="submit" disabled={formState.isSubmitting}>{t("common.save")}</Button></div>
      </form>
    </Card>
  );
}

function AccountCard({ user }: { user: Detail }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh(user.id);
  const setStatus = useMutation(trpc.admin.users.setStatus.mutationOptions());
  const unlock = useMutation(trpc.admin.users.unlock.mutationOptions());
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setMessage(null);
    try {
      await action();
      await refresh();
      setMessage({ kind: "success", text: done });
    } catch (e) {
      setMessage({ kind: "error", text: actionErrorText(e) });
    }
  };
  const active = user.status === "active";
  return (
    <Card title={t("admin.users.account")}>
      <dl className="mb-4 grid grid-cols-2 gap-2 text-sm">
        <dt className="text-slate-500">{t("admin.users.status")}</dt>
        <dd><StatusBadge active={active} /></dd>
        <dt className="text-slate-500">{t("admin.users.failedLogins")}</dt>
        <dd className="tabular-nums" data-testid="user-failed-logins">{user.failedLoginCount}{user.locked ? ` · ${t("admin.status.locked")}` : ""}</dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {active ? (
          <Button
            type="button"
            variant="danger"
            data-testid="user-deactivate"
            onClick={() => {
              if (window.confirm(t("admin.users.confirmDeactivate", { username: user.username }))) void run(() => setStatus.mutateAsync({ id: user.id, status: "inactive" }), t("admin.users.deactivated"));
            }}
          >
            {t("admin.users.deactivate")}
          </Button>
        ) : (
          <Button type="button" data-testid="user-reactivate" onClick={() => run(() => setStatus.mutateAsync({ id: user.id, status: "active" }), t("admin.users.reactivated"))}>
            {t("admin.users.reactivate")}
          </Button>
        )}
        <Button type="button" variant="secondary" data-testid="user-unlock" disabled={!user.locked && user.failedLoginCount === 0} onClick={() => run(() => unlock.mutateAsync({ id: user.id }), t("admin.users.unlocked"))}>
          {t("admin.users.unlock")}
        </Button>
      </div>
      {message ? <div className="mt-3"><Alert kind={message.kind}>{message.text}</Alert></div> : null}
    </Card>
  );
}

function PasswordCard({ user }: { user: Detail }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh(user.id);
  const reset = useMutation(trpc.admin.users.resetPassword.mutationOptions());
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [show, setShow] = useState(false);
  const { register, handleSubmit, setError, setValue, reset: resetForm, formState } = useForm<z.input<typeof resetPasswordInput>, unknown, z.output<typeof resetPasswordInput>>({
    resolver: zodResolver(resetPasswordInput),
    defaultValues: { id: user.id, password: "" },
  });
  const err = formState.errors.password?.message ? t(formState.errors.password.message) : undefined;
  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    try {
      await reset.mutateAsync(v);
      await refresh();
      resetForm({ id: user.id, password: "" });
      setShow(false);
      setMessage({ kind: "success", text: t("admin.users.passwordReset") });
    } catch (e) {
      const text = applyServerErrors(e, setError, ["password"]);
      if (text) setMessage({ kind: "error", text });
    }
  });
  return (
    <Card title={t("admin.users.resetPassword")}>
      <form className="space-y-4" onSubmit={onSubmit} noValidate data-testid="user-password-form">
        <Field id="reset-password" label={t("admin.users.newPassword")} error={err} hint={t("register.passwordHint")}>
          <div className="flex gap-2">
            <TextInput id="reset-password" type={show ? "text" : "password"} autoComplete="new-password" invalid={!!err} {...register("password")} />
            <Button type="button" variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => { setValue("password", generatePassword(), { shouldValidate: true }); setShow(true); }}>{t("admin.users.generate")}</Button>
          </div>
        </Field>
        <p className="text-xs text-slate-500">{t("admin.users.resetNote")}</p>
        {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
        <Button type="submit" disabled={formState.isSubmitting}>{t("admin.users.resetPassword")}</Button>
      </form>
    </Card>
  );
}
