import type { ChainRole } from "../authz/roles";

/**
 * Approval chains as data (stored in approval_chains; these are the shipped defaults). Stages run at the
 * application's review institution (the customer's branch, or head office); escalation stages run at that
 * institution's parent. Both channels share the branch levels; the portal channel starts with the rater's
 * initial review (系统评价 + 直接评价 → 初步结论) of what the applicant submitted.
 */
export interface StageDef {
  key: string;
  role: ChainRole;
}

export interface ChainDef {
  key: "bank" | "portal";
  stages: StageDef[];
  escalation: { stages: StageDef[] };
}

const BRANCH_STAGES: StageDef[] = [
  { key: "review", role: "reviewer" },
  { key: "risk_handling", role: "risk_officer" },
  { key: "risk_review", role: "risk_reviewer" },
  { key: "approval", role: "approver" },
];

const ESCALATION_STAGES: StageDef[] = [
  { key: "hq_risk_handling", role: "risk_officer" },
  { key: "hq_risk_review", role: "risk_reviewer" },
  { key: "hq_approval", role: "approver" },
];

export const DEFAULT_CHAINS: Record<ChainDef["key"], ChainDef> = {
  bank: { key: "bank", stages: BRANCH_STAGES, escalation: { stages: ESCALATION_STAGES } },
  portal: { key: "portal", stages: BRANCH_STAGES, escalation: { stages: ESCALATION_STAGES } },
};

/** The stage list in force: branch stages, then the escalation stages once escalated. */
export function stagesOf(chain: ChainDef, escalated: boolean): (StageDef & { escalation: boolean })[] {
  return [
    ...chain.stages.map((s) => ({ ...s, escalation: false })),
    ...(escalated ? chain.escalation.stages.map((s) => ({ ...s, escalation: true })) : []),
  ];
}
