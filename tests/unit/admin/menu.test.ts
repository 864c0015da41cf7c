import { describe, expect, it } from "vitest";
import { menuFor } from "@/server/domain/authz/menu";
import { ROLES } from "@/server/domain/authz/roles";

describe("admin menu", () => {
  it("lists the admin pages for admins and nobody else", () => {
    expect(menuFor("admin", "admin").map((i) => i.href)).toEqual(["/admin", "/admin/users", "/admin/institutions", "/admin/code-lists", "/admin/parameters", "/admin/models", "/admin/audit", "/admin/sync"]);
    for (const role of ROLES.filter((r) => r !== "admin")) expect(menuFor(role, "admin")).toEqual([]);
  });
});
