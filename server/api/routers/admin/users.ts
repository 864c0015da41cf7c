import "server-only";
import { createUserInput, listUsersInput, resetPasswordInput, setUserAssignmentInput, setUserStatusInput, updateUserProfileInput, userIdInput } from "@/server/domain/admin/users";
import { listUsersForAdmin } from "@/server/services/admin/list-users";
import { getUserForAdmin } from "@/server/services/admin/get-user";
import { createUser } from "@/server/services/admin/create-user";
import { updateUserProfile } from "@/server/services/admin/update-user-profile";
import { setUserAssignment } from "@/server/services/admin/set-user-assignment";
import { setUserStatus } from "@/server/services/admin/set-user-status";
import { resetUserPassword } from "@/server/services/admin/reset-user-password";
import { unlockUser } from "@/server/services/admin/unlock-user";
import { permissionProcedure, router } from "../../trpc";

const p = permissionProcedure("admin.users");

export const adminUsersRouter = router({
  list: p.input(listUsersInput).query(({ input }) => listUsersForAdmin(input)),
  get: p.input(userIdInput).query(({ input }) => getUserForAdmin(input.id)),
  create: p.input(createUserInput).mutation(({ ctx, input }) => createUser({ actor: ctx.user, ip: ctx.ip }, input)),
  updateProfile: p.input(updateUserProfileInput).mutation(({ ctx, input }) => updateUserProfile({ actor: ctx.user, ip: ctx.ip }, input)),
  setAssignment: p.input(setUserAssignmentInput).mutation(({ ctx, input }) => setUserAssignment({ actor: ctx.user, ip: ctx.ip }, input)),
  setStatus: p.input(setUserStatusInput).mutation(({ ctx, input }) => setUserStatus({ actor: ctx.user, ip: ctx.ip }, input)),
  resetPassword: p.input(resetPasswordInput).mutation(({ ctx, input }) => resetUserPassword({ actor: ctx.user, ip: ctx.ip }, input)),
  unlock: p.input(userIdInput).mutation(({ ctx, input }) => unlockUser({ actor: ctx.user, ip: ctx.ip }, input)),
});
