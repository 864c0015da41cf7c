"use client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { fieldErrorsOf, messageOf } from "@/components/trpc/errors";

/**
 * Puts the server's field errors (already translated) on the form's fields; returns a message for the form
 * when the error concerns no known field.
 */
export function applyServerErrors<T extends FieldValues>(e: unknown, setError: UseFormSetError<T>, known: readonly string[]): string | null {
  const fields = fieldErrorsOf(e);
  const unknown: string[] = [];
  for (const f of fields) {
    if (known.includes(f.path)) setError(f.path as Path<T>, { type: "server", message: f.message });
    else unknown.push(f.message);
  }
  if (fields.length && unknown.length === 0) return null;
  return unknown.length ? unknown.join(" ") : messageOf(e);
}

/** Message of a failed action without a form (deactivate, unlock …): its field messages, else the error. */
export function actionErrorText(e: unknown): string {
  const fields = fieldErrorsOf(e);
  return fields.length ? fields.map((f) => f.message).join(" ") : messageOf(e);
}
