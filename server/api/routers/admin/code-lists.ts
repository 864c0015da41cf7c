import "server-only";
import { createCodeInput, listCodesInput, setCodeActiveInput, updateCodeInput } from "@/server/domain/admin/code-lists";
import { listCodesForAdmin } from "@/server/services/admin/list-codes";
import { createCode } from "@/server/services/admin/create-code";
import { updateCode } from "@/server/services/admin/update-code";
import { setCodeActive } from "@/server/services/admin/set-code-active";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.codeLists");

export const adminCodeListsRouter = router({
  list: p.input(listCodesInput).query(({ input }) => listCodesForAdmin(input)),
  create: p.input(createCodeInput).mutation(({ ctx, input }) => createCode({ actor: ctx.user, ip: ctx.ip }, input)),
  update: p.input(updateCodeInput).mutation(({ ctx, input }) => updateCode({ actor: ctx.user, ip: ctx.ip }, input)),
  setActive: p.input(setCodeActiveInput).mutation(({ ctx, input }) => setCodeActive({ actor: ctx.user, ip: ctx.ip }, input)),
});
