import { TRPCClientError } from "@trpc/client";

export interface FieldError {
  path: string;
  message: string;
}

/** Field-level errors from a failed mutation (already translated by the server). */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (error instanceof TRPCClientError) return ((error.data as { fields?: FieldError[] } | undefined)?.fields ?? []) as FieldError[];
  return [];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
