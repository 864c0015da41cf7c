import Link from "next/link";
import type { ReactNode } from "react";
import { menuFor, type Area } from "@/server/domain/authz/menu";
import type { CurrentUser } from "@/server/auth/session";
import { translate, type Locale } from "@/components/i18n/translate";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { NavLink } from "./nav-link";
import { TodoBadge } from "./todo-badge";

/**
 * The frame every signed-in page shares: a navigation menu by role (derived from the permission table),
 * the to-do count, and the work area. On narrow screens the menu folds into a disclosure.
 */
export function AppShell({ user, area, locale, children }: { user: CurrentUser; area: Area; locale: Locale; children: ReactNode }) {
  const t = (k: string) => translate(locale, k);
  const items = menuFor(user.role, area);
  const nav = (
    <nav aria-label={t("nav.menu")} data-testid="main-nav">
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.key}>
            <NavLink href={item.href} testId={`nav-${item.key}`}>
              <span>{t(item.label)}</span>
              {item.key === "todo" ? <TodoBadge /> : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
  const institution = user.institutionName ? (locale === "zh" ? user.institutionName.zh : user.institutionName.en) : null;
  return (
    <div className="min-h-screen">
      <header className={`no-print border-b ${area === "admin" ? "border-slate-700 bg-slate-800 text-white" : "border-slate-200 bg-white"}`}>
        <div className="mx-auto flex max-w-screen-2xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-700" />
            <span>{t("app.name")}</span>
            {area === "admin" ? <span className="rounded bg-amber-500 px-2 py-0.5 text-xs text-slate-900">{t("admin.area")}</span> : null}
          </Link>
          <div className={`flex items-center gap-3 text-sm ${area === "admin" ? "[&_button]:text-slate-100 [&_button:hover]:bg-slate-700" : ""}`}>
            <span className="hidden sm:inline" data-testid="current-user">
              <span className="sr-only">{t("nav.signedInAs")}: </span>
              {user.displayName} · {t(`role.${user.role}`)}
              {institution ? ` · ${institution}` : ""}
            </span>
            <LanguageSwitch signedIn />
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-screen-2xl flex-col md:flex-row">
        <aside className="no-print border-b border-slate-200 bg-white md:min-h-[calc(100vh-57px)] md:w-56 md:border-b-0 md:border-r">
          <details className="md:hidden">
            <summary className="cursor-pointer px-4 py-3 text-sm font-medium">{t("nav.openMenu")}</summary>
            <div className="px-2 pb-3">{nav}</div>
          </details>
          <div className="hidden p-3 md:block">{nav}</div>
          {area === "admin" ? (
            <div className="hidden border-t border-slate-100 p-3 text-xs text-slate-500 md:block">{t("admin.area")}</div>
          ) : null}
        </aside>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
