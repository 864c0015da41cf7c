import "server-only";
import { createCallerFactory, router } from "./trpc";
import { authRouter } from "./routers/auth";
import { customersRouter } from "./routers/customers";
import { workspaceRouter } from "./routers/workspace";
import { adminRouter } from "./routers/admin";
import { applicationsRouter } from "./routers/applications";
import { statisticsRouter } from "./routers/statistics";

export const appRouter = router({
  auth: authRouter,
  customers: customersRouter,
  workspace: workspaceRouter,
  admin: adminRouter,
  applications: applicationsRouter,
  statistics: statisticsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
