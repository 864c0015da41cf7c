"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "@/components/i18n/provider";

/**
 * A modal on the native <dialog>: focus moves into it and stays there, Escape closes it, and focus returns
 * to the element that opened it.
 */
export function Modal({ open, title, onClose, children, testId }: { open: boolean; title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      className="w-[min(40rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      data-testid={testId}
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id={testId ? `${testId}-title` : undefined} className="text-sm font-semibold text-slate-800">{title}</h2>
        <button type="button" onClick={onClose} className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100" aria-label={t("common.cancel")}>
          ×
        </button>
      </div>
      <div className="p-4">{open ? children : null}</div>
    </dialog>
  );
}
