import "server-only";
import { z } from "zod";
import { getCustomer } from "@/server/services/customers/get-customer";
import { listCustomersForActor, listCustomersInput } from "@/server/services/customers/list-customers";
import { permissionProcedure, router } from "../trpc";

export const customersRouter = router({
  list: permissionProcedure("customer.read")
    .input(listCustomersInput)
    .query(({ ctx, input }) => listCustomersForActor(ctx.user, input)),
  get: permissionProcedure("customer.read")
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getCustomer(ctx.user, input.id)),
});
