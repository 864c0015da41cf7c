import { can, type Permission } from "./permissions";
import type { Role } from "./roles";

export interface MenuItem {
  key: string;
  href: string;
  /** i18n key of the label */
  label: string;
  permission: Permission;
}

/**
 * Navigation per role, derived from the permission table (never a separate list per role). Pages are added
 * here as they are built (ratings query, statistics, admin sections come with their issues).
 */
const STAFF_MENU: MenuItem[] = [
  { key: "home", href: "/dashboard", label: "nav.dashboard", permission: "rating.read" },
  { key: "todo", href: "/todo", label: "nav.todo", permission: "todo.read" },
  { key: "ratings", href: "/ratings", label: "nav.ratings", permission: "rating.read" },
  { key: "customers", href: "/customers", label: "nav.customers", permission: "customer.read" },
  { key: "statistics", href: "/statistics", label: "nav.statistics", permission: "stats.read" },
];

const PORTAL_MENU: MenuItem[] = [
  { key: "portal", href: "/portal", label: "nav.portalHome", permission: "portal.readOwn" },
];

const ADMIN_MENU: MenuItem[] = [
  { key: "admin-home", href: "/admin", label: "nav.adminHome", permission: "admin.access" },
  { key: "admin-users", href: "/admin/users", label: "nav.adminUsers", permission: "admin.users" },
  { key: "admin-institutions", href: "/admin/institutions", label: "nav.adminInstitutions", permission: "admin.institutions" },
  { key: "admin-code-lists", href: "/admin/code-lists", label: "nav.adminCodeLists", permission: "admin.codeLists" },
  { key: "admin-parameters", href: "/admin/parameters", label: "nav.adminParameters", permission: "admin.parameters" },
  { key: "admin-models", href: "/admin/models", label: "nav.adminModels", permission: "admin.models" },
  { key: "admin-audit", href: "/admin/audit", label: "nav.adminAudit", permission: "admin.audit" },
  { key: "admin-sync", href: "/admin/sync", label: "nav.adminSync", permission: "admin.sync" },
];

export type Area = "staff" | "portal" | "admin";

export function menuFor(role: Role, area: Area): MenuItem[] {
  const items = area === "admin" ? ADMIN_MENU : area === "portal" ? PORTAL_MENU : STAFF_MENU;
  return items.filter((item) => can(role, item.permission));
}

/** Where a user lands after signing in. */
export function homeFor(role: Role): string {
  if (can(role, "admin.access")) return "/admin";
  if (can(role, "portal.readOwn")) return "/portal";
  return "/dashboard";
}
