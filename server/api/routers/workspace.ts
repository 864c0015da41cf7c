import "server-only";
import { getDashboard } from "@/server/services/dashboard/get-dashboard";
import { listTodo } from "@/server/services/todo/list-todo";
import { getPortalHome } from "@/server/services/portal/get-portal-home";
import { listOverrideReasons } from "@/server/services/workflow/override-reasons";
import { permissionProcedure, router } from "../trpc";

export const workspaceRouter = router({
  dashboard: permissionProcedure("rating.read").query(({ ctx }) => getDashboard(ctx.user)),
  todo: permissionProcedure("todo.read").query(({ ctx }) => listTodo(ctx.user)),
  todoCount: permissionProcedure("todo.read").query(async ({ ctx }) => {
    const t = await listTodo(ctx.user);
    return { count: t.applications.length + t.renewals.length };
  }),
  overrideReasons: permissionProcedure("rating.read").query(() => listOverrideReasons()),
  portalHome: permissionProcedure("portal.readOwn").query(({ ctx }) => getPortalHome(ctx.user)),
});
