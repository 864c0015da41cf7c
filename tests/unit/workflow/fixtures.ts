import { DEFAULT_CHAINS } from "@/server/domain/workflow/chains";
import type { Actor, WorkflowContext, WorkflowState } from "@/server/domain/workflow/machine";

export const BRANCH = 2;
export const HQ = 1;

export const ctx: WorkflowContext = {
  chain: DEFAULT_CHAINS.bank,
  reviewInstitutionId: BRANCH,
  escalationInstitutionId: HQ,
  escalationGrade: "AA",
  escalationAmount: 50_000_000,
  notchLimits: { rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 2 },
};

export const people = {
  rater: { userId: "rater", role: "rater", institutionId: BRANCH },
  rater2: { userId: "rater2", role: "rater", institutionId: BRANCH },
  reviewer: { userId: "reviewer", role: "reviewer", institutionId: BRANCH },
  reviewer2: { userId: "reviewer2", role: "reviewer", institutionId: BRANCH },
  riskOfficer: { userId: "ro", role: "risk_officer", institutionId: BRANCH },
  riskReviewer: { userId: "rr", role: "risk_reviewer", institutionId: BRANCH },
  approver: { userId: "ap", role: "approver", institutionId: BRANCH },
  hqRiskOfficer: { userId: "hq-ro", role: "risk_officer", institutionId: HQ },
  hqRiskReviewer: { userId: "hq-rr", role: "risk_reviewer", institutionId: HQ },
  hqApprover: { userId: "hq-ap", role: "approver", institutionId: HQ },
  otherBranchReviewer: { userId: "x-rev", role: "reviewer", institutionId: 3 },
  applicant: { userId: "applicant", role: "applicant_enterprise", institutionId: BRANCH },
  analyst: { userId: "an", role: "analyst", institutionId: BRANCH },
} satisfies Record<string, Actor>;

export function bankDraft(over: Partial<WorkflowState> = {}): WorkflowState {
  return {
    status: "draft",
    channel: "bank",
    initiatorId: "rater",
    raterId: "rater",
    currentStage: null,
    escalated: false,
    cycle: 1,
    returnedTo: null,
    actorsThisCycle: [],
    systemGrade: null,
    grade: null,
    riskLimit: null,
    hasConclusion: false,
    ...over,
  };
}

export function portalDraft(over: Partial<WorkflowState> = {}): WorkflowState {
  return bankDraft({ channel: "portal", initiatorId: "applicant", raterId: null, ...over });
}
