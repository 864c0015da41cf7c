import "server-only";
import { createInstitutionInput, moveInstitutionInput, setInstitutionActiveInput, updateInstitutionInput } from "@/server/domain/admin/institutions";
import { listInstitutionsForAdmin } from "@/server/services/admin/list-institutions";
import { createInstitution } from "@/server/services/admin/create-institution";
import { updateInstitution } from "@/server/services/admin/update-institution";
import { moveInstitution } from "@/server/services/admin/move-institution";
import { setInstitutionActive } from "@/server/services/admin/set-institution-active";
import { listActiveInstitutionsForAdmin } from "@/server/services/admin/list-active-institutions";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.institutions");

export const adminInstitutionsRouter = router({
  tree: p.query(() => listInstitutionsForAdmin()),
  /** Active institutions for pickers; user administration needs it too. */
  options: permissionProcedure("admin.access").query(() => listActiveInstitutionsForAdmin()),
  create: p.input(createInstitutionInput).mutation(({ ctx, input }) => createInstitution({ actor: ctx.user, ip: ctx.ip }, input)),
  update: p.input(updateInstitutionInput).mutation(({ ctx, input }) => updateInstitution({ actor: ctx.user, ip: ctx.ip }, input)),
  move: p.input(moveInstitutionInput).mutation(({ ctx, input }) => moveInstitution({ actor: ctx.user, ip: ctx.ip }, input)),
  setActive: p.input(setInstitutionActiveInput).mutation(({ ctx, input }) => setInstitutionActive({ actor: ctx.user, ip: ctx.ip }, input)),
});
