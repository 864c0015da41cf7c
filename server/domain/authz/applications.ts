import { isWithinSubtree } from "./scope";

/** Who may read an application: its applicant, or staff whose subtree contains the handling institution. */
export function canReadApplication(
  actor: { userId: string; isApplicant: boolean; institutionPath: string | null },
  app: { initiatorUserId: string; institutionPath: string },
): boolean {
  if (actor.isApplicant) return app.initiatorUserId === actor.userId;
  return actor.institutionPath !== null && isWithinSubtree(actor.institutionPath, app.institutionPath);
}
