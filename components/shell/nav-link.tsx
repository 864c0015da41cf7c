"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  const pathname = usePathname();
  const active = pathname === href || (href !== "/admin" && href !== "/portal" && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={active ? "page" : undefined}
      className={`flex items-center justify-between rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}
