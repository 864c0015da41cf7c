import { z } from "zod";
import { DomainError, type FieldIssue } from "../errors";
import { buildPath, wouldCreateCycle } from "../authz/scope";

/**
 * Institution administration: schemas and the rules of the tree. Codes are upper case letters, digits,
 * hyphens and underscores (HO, BJ, BJ01, SZ-FT); the path is a materialized list of ids from the root.
 */
export const INSTITUTION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,15}$/;
/** Head office (0) -> branch (1) -> sub-branch (2) -> outlet (3): deeper trees are refused. */
export const MAX_INSTITUTION_LEVEL = 3;

const code = z.string().trim().toUpperCase().regex(INSTITUTION_CODE, "admin.validation.institutionCode");
const name = z.string().trim().min(1, "validation.required").max(100, "validation.tooLong");
const regionCode = z.string().trim().regex(/^\d{6}$/, "admin.validation.region");
const parentId = z.coerce.number({ message: "admin.validation.parent" }).int("admin.validation.parent").positive("admin.validation.parent");

export const createInstitutionInput = z.object({ code, nameZh: name, nameEn: name, regionCode, parentId });
export type CreateInstitutionInput = z.input<typeof createInstitutionInput>;

export const updateInstitutionInput = z.object({ id: z.number().int().positive(), code, nameZh: name, nameEn: name, regionCode });
export type UpdateInstitutionInput = z.input<typeof updateInstitutionInput>;

export const moveInstitutionInput = z.object({ id: z.number().int().positive(), parentId });
export type MoveInstitutionInput = z.input<typeof moveInstitutionInput>;

export const setInstitutionActiveInput = z.object({ id: z.number().int().positive(), active: z.boolean() });

export interface TreeNode {
  id: number;
  parentId: number | null;
  path: string;
  level: number;
  active: boolean;
}

export function levelOfPath(path: string): number {
  return path.split("/").filter(Boolean).length - 1;
}

/** New path of a node of the moved subtree: the moved node's old prefix is replaced by its new one. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not below ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export interface MovePlan {
  oldPrefix: string;
  newPrefix: string;
  /** Added to the level of every node of the subtree. */
  levelDelta: number;
}

/**
 * Plans moving `node` (with a subtree reaching `subtreeDepth` levels below it) under `parent`: refuses the root,
 * cycles (a parent inside the subtree, itself included), an inactive parent and a tree deeper than allowed.
 */
export function planMove(node: TreeNode, parent: TreeNode, subtreeDepth: number): MovePlan {
  const fields: FieldIssue[] = [];
  if (node.parentId === null) fields.push({ path: "parentId", message: "admin.institutions.error.moveRoot" });
  else if (wouldCreateCycle(node.path, parent.path)) fields.push({ path: "parentId", message: "admin.institutions.error.cycle" });
  else if (!parent.active) fields.push({ path: "parentId", message: "admin.institutions.error.parentInactive" });
  else if (parent.level + 1 + subtreeDepth > MAX_INSTITUTION_LEVEL) {
    fields.push({ path: "parentId", message: "admin.institutions.error.tooDeep", params: { max: MAX_INSTITUTION_LEVEL + 1 } });
  }
  if (fields.length) throw new DomainError("VALIDATION", "move refused", { fields });
  const newPrefix = buildPath(parent.path, node.id);
  return { oldPrefix: node.path, newPrefix, levelDelta: parent.level + 1 - node.level };
}

/** A new institution goes below an active parent, within the allowed depth. */
export function checkNewChild(parent: TreeNode | undefined): void {
  if (!parent || !parent.active) throw new DomainError("VALIDATION", "bad parent", { fields: [{ path: "parentId", message: "admin.institutions.error.parentInactive" }] });
  if (parent.level + 1 > MAX_INSTITUTION_LEVEL) {
    throw new DomainError("VALIDATION", "too deep", { fields: [{ path: "parentId", message: "admin.institutions.error.tooDeep", params: { max: MAX_INSTITUTION_LEVEL + 1 } }] });
  }
}

export interface DeactivationFacts {
  isRoot: boolean;
  activeChildren: number;
  activeUsers: number;
  openApplications: number;
}

/**
 * Deactivating loses nothing: users, customers and ratings stay attached and readable (scope is by path, and an
 * inactive institution keeps its place in the tree). It is refused while the institution still works: the
 * root, active sub-institutions, active users (they must be moved or deactivated first, so nobody works for a
 * closed office) or rating applications in progress there (they must finish or be withdrawn first).
 */
export function checkDeactivation(f: DeactivationFacts): void {
  const fields: FieldIssue[] = [];
  if (f.isRoot) fields.push({ path: "active", message: "admin.institutions.error.deactivateRoot" });
  if (f.activeChildren > 0) fields.push({ path: "active", message: "admin.institutions.error.activeChildren", params: { n: f.activeChildren } });
  if (f.activeUsers > 0) fields.push({ path: "active", message: "admin.institutions.error.activeUsers", params: { n: f.activeUsers } });
  if (f.openApplications > 0) fields.push({ path: "active", message: "admin.institutions.error.openApplications", params: { n: f.openApplications } });
  if (fields.length) throw new DomainError("VALIDATION", "deactivation refused", { fields });
}

/** Reactivating needs an active parent (an active office under a closed one would be unreachable in menus). */
export function checkReactivation(parent: TreeNode | undefined | null, isRoot: boolean): void {
  if (isRoot) return;
  if (!parent || !parent.active) throw new DomainError("VALIDATION", "parent inactive", { fields: [{ path: "active", message: "admin.institutions.error.parentInactive" }] });
}

/**
 * Depth-first order of a tree, siblings by code: parents before their children, as a tree is read. (Ordering
 * by the path text would put `/1/10/` before `/1/2/`.) Nodes whose parent is missing from the list come first.
 */
export function treeOrder<T extends { id: number; parentId: number | null; code: string }>(nodes: readonly T[]): T[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number | null, T[]>();
  for (const n of nodes) {
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const out: T[] = [];
  const walk = (parent: number | null) => {
    for (const n of children.get(parent) ?? []) {
      out.push(n);
      walk(n.id);
    }
  };
  walk(null);
  return out;
}
