/**
 * Institution scope. Each institution stores a materialized path of ids from the root, e.g. `/1/4/9/`,
 * so "this institution and everything below it" is a prefix test, in SQL (`path LIKE '/1/4/%'`) and here.
 */
export interface ScopedActor {
  userId: string;
  role: string;
  institutionPath: string | null;
}

export function isWithinSubtree(actorInstitutionPath: string, targetInstitutionPath: string): boolean {
  return targetInstitutionPath.startsWith(actorInstitutionPath);
}

/** Applicants reach only records linked to their own account; staff reach their subtree. */
export function canSeeCustomer(
  actor: ScopedActor & { isApplicant: boolean },
  customer: { institutionPath: string; applicantUserId: string | null },
): boolean {
  if (actor.isApplicant) return customer.applicantUserId === actor.userId;
  if (!actor.institutionPath) return false;
  return isWithinSubtree(actor.institutionPath, customer.institutionPath);
}

export function buildPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** A move must not put an institution below itself. */
export function wouldCreateCycle(movingPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(movingPath);
}
