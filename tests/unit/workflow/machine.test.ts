import { describe, expect, it } from "vitest";
import { transition, type WorkflowEvent, type WorkflowState, type Actor } from "@/server/domain/workflow/machine";
import { DomainError } from "@/server/domain/errors";
import { bankDraft, ctx, people, portalDraft } from "./fixtures";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return "OK";
}

const rated = (grade = "BBB", over: Partial<WorkflowState> = {}) => bankDraft({ status: "system_rated", systemGrade: grade, grade, hasConclusion: true, riskLimit: 1_000_000, ...over });

function run(state: WorkflowState, steps: [Actor, WorkflowEvent][]) {
  const log: string[] = [];
  let s = state;
  let finalized = false;
  for (const [actor, event] of steps) {
    const r = transition(s, event, actor, ctx);
    s = r.state;
    finalized = r.finalized;
    if (r.step) log.push(`${r.step.stageKey}:${r.step.action}`);
  }
  return { state: s, log, finalized };
}

const agree = (grade?: string): WorkflowEvent => ({ type: "agree", opinion: "同意", grade });
const branchChain: [Actor, WorkflowEvent][] = [
  [people.rater, { type: "submit" }],
  [people.reviewer, agree()],
  [people.riskOfficer, agree()],
  [people.riskReviewer, agree()],
  [people.approver, agree()],
];

describe("rater work on the bank channel", () => {
  it("edit -> rate -> evaluate -> submit enters the first review stage", () => {
    let s = transition(bankDraft(), { type: "edit" }, people.rater, ctx).state;
    expect(s.status).toBe("draft");
    s = transition(s, { type: "rate", systemGrade: "BBB", riskLimit: 10 }, people.rater, ctx).state;
    expect(s).toMatchObject({ status: "system_rated", systemGrade: "BBB", grade: "BBB" });
    s = transition(s, { type: "evaluate", grade: "A", hasConclusion: true }, people.rater, ctx).state;
    expect(s.grade).toBe("A");
    const r = transition(s, { type: "submit" }, people.rater, ctx);
    expect(r.state).toMatchObject({ status: "in_review", currentStage: 0, cycle: 1 });
    expect(r.step).toMatchObject({ action: "submit", gradeBefore: "BBB", gradeAfter: "A" });
  });

  it("editing after the rating invalidates it", () => {
    const s = transition(rated(), { type: "edit" }, people.rater, ctx).state;
    expect(s).toMatchObject({ status: "draft", systemGrade: null, grade: null, hasConclusion: false });
  });

  it("keeps the rater within 2 notches, and refuses D", () => {
    expect(code(() => transition(rated("BBB"), { type: "evaluate", grade: "AA", hasConclusion: true }, people.rater, ctx))).toBe("OK");
    expect(code(() => transition(rated("BBB"), { type: "evaluate", grade: "AAA", hasConclusion: true }, people.rater, ctx))).toBe("INVALID_ADJUSTMENT");
    expect(code(() => transition(rated("BBB"), { type: "evaluate", grade: "B", hasConclusion: true }, people.rater, ctx))).toBe("OK");
    expect(code(() => transition(rated("BBB"), { type: "evaluate", grade: "CCC", hasConclusion: true }, people.rater, ctx))).toBe("INVALID_ADJUSTMENT");
    expect(code(() => transition(rated("CC"), { type: "evaluate", grade: "D", hasConclusion: true }, people.rater, ctx))).toBe("VALIDATION");
  });

  it("refuses to submit without a system rating or a conclusion", () => {
    expect(code(() => transition(bankDraft(), { type: "submit" }, people.rater, ctx))).toBe("ILLEGAL_TRANSITION");
    expect(code(() => transition(rated("BBB", { hasConclusion: false }), { type: "submit" }, people.rater, ctx))).toBe("VALIDATION");
    expect(code(() => transition(bankDraft(), { type: "evaluate", grade: "A", hasConclusion: true }, people.rater, ctx))).toBe("ILLEGAL_TRANSITION");
  });

  it("lets only the initiating rater work on it", () => {
    for (const a of [people.rater2, people.reviewer, people.approver, people.analyst, people.applicant]) {
      expect(code(() => transition(rated(), { type: "submit" }, a, ctx))).toBe("FORBIDDEN");
      expect(code(() => transition(bankDraft(), { type: "edit" }, a, ctx))).toBe("FORBIDDEN");
    }
    expect(code(() => transition(rated(), { type: "request_info", reason: "缺少资料" }, people.rater, ctx))).toBe("ILLEGAL_TRANSITION");
  });
});

describe("the branch chain", () => {
  it("passes reviewer -> risk officer -> risk reviewer -> approver and is final at the branch for a low grade", () => {
    const r = run(rated("BBB"), branchChain);
    expect(r.log).toEqual(["initial:submit", "review:agree", "risk_handling:agree", "risk_review:agree", "approval:agree"]);
    expect(r.state.status).toBe("approved");
    expect(r.finalized).toBe(true);
    expect(r.state.escalated).toBe(false);
  });

  it("accepts each stage only from its role at its institution", () => {
    const s = transition(rated(), { type: "submit" }, people.rater, ctx).state;
    for (const a of [people.riskOfficer, people.riskReviewer, people.approver, people.hqRiskOfficer, people.otherBranchReviewer, people.analyst]) {
      expect(code(() => transition(s, agree(), a, ctx))).toBe("FORBIDDEN");
    }
    expect(code(() => transition(s, agree(), people.reviewer, ctx))).toBe("OK");
  });

  it("escalates a high grade to the parent's risk officer -> risk reviewer -> approver, whose decision is final", () => {
    const r = run(rated("AA"), [...branchChain, [people.hqRiskOfficer, agree()], [people.hqRiskReviewer, agree()], [people.hqApprover, agree()]]);
    expect(r.log.slice(-4)).toEqual(["approval:agree", "hq_risk_handling:agree", "hq_risk_review:agree", "hq_approval:agree"]);
    expect(r.state).toMatchObject({ status: "approved", escalated: true });
    const mid = run(rated("AA"), branchChain);
    expect(mid.state).toMatchObject({ status: "in_review", escalated: true, currentStage: 4 });
    expect(mid.finalized).toBe(false);
  });

  it("escalates on the risk limit too, and uses the grade after the branch approver's adjustment", () => {
    expect(run(rated("BB", { riskLimit: 60_000_000 }), branchChain).state.escalated).toBe(true);
    const lifted = run(rated("A"), [...branchChain.slice(0, 4), [people.approver, agree("AA")]]);
    expect(lifted.state).toMatchObject({ escalated: true, grade: "AA" });
    const lowered = run(rated("AA"), [...branchChain.slice(0, 4), [people.approver, agree("A")]]);
    expect(lowered.state).toMatchObject({ status: "approved", escalated: false, grade: "A" });
  });

  it("does not escalate where there is no parent", () => {
    const top = { ...ctx, escalationInstitutionId: null };
    let s = rated("AAA");
    for (const [a, e] of branchChain) s = transition(s, e, a, top).state;
    expect(s.status).toBe("approved");
  });

  it("keeps each level within its notch limit and records the lineage", () => {
    const s = run(rated("BBB"), branchChain.slice(0, 1)).state;
    expect(code(() => transition(s, agree("BB"), people.reviewer, ctx))).toBe("OK");
    expect(code(() => transition(s, agree("B"), people.reviewer, ctx))).toBe("INVALID_ADJUSTMENT");
    const r = transition(s, { type: "disagree", opinion: "偏高", grade: "BB" }, people.reviewer, ctx);
    expect(r.step).toMatchObject({ action: "disagree", gradeBefore: "BBB", gradeAfter: "BB" });
    expect(r.state).toMatchObject({ grade: "BB", currentStage: 1 });
  });

  it("requires an opinion", () => {
    const s = run(rated(), branchChain.slice(0, 1)).state;
    expect(code(() => transition(s, { type: "agree", opinion: " " }, people.reviewer, ctx))).toBe("VALIDATION");
    expect(code(() => transition(s, { type: "return", reason: "" }, people.reviewer, ctx))).toBe("VALIDATION");
  });

  it("lets only approvers reject", () => {
    const atReview = run(rated(), branchChain.slice(0, 1)).state;
    expect(code(() => transition(atReview, { type: "reject", reason: "风险过高" }, people.reviewer, ctx))).toBe("ILLEGAL_TRANSITION");
    const atApproval = run(rated(), branchChain.slice(0, 4)).state;
    const r = transition(atApproval, { type: "reject", reason: "风险过高" }, people.approver, ctx);
    expect(r.state.status).toBe("rejected");
    expect(r.finalized).toBe(false);
  });
});

describe("segregation of duties", () => {
  it("never lets the initiator or the rater act on a review stage", () => {
    const s = run(rated(), branchChain.slice(0, 1)).state;
    const raterAsReviewer = { ...people.rater, role: "reviewer" as const };
    expect(code(() => transition(s, agree(), raterAsReviewer, ctx))).toBe("SEGREGATION_OF_DUTIES");
  });

  it("lets a person act at most once per cycle", () => {
    const s = run(rated(), branchChain.slice(0, 2)).state;
    const sameAsRiskOfficer = { ...people.reviewer, role: "risk_officer" as const };
    expect(code(() => transition(s, agree(), sameAsRiskOfficer, ctx))).toBe("SEGREGATION_OF_DUTIES");
  });

  it("lets the initiator approve nothing even at head office", () => {
    const s = run(rated("AA", { initiatorId: "hq-ap", raterId: "hq-ap" }), branchChain.slice(1).map(([a, e]) => [a, e] as [Actor, WorkflowEvent]).slice(0, 0)).state;
    expect(s.status).toBe("system_rated");
    const inReview = { ...rated("AA"), initiatorId: "hq-ap", status: "in_review" as const, currentStage: 6, escalated: true };
    expect(code(() => transition(inReview, agree(), people.hqApprover, ctx))).toBe("SEGREGATION_OF_DUTIES");
  });
});

describe("return and resubmission", () => {
  it("returns from any level to the rater; resubmission restarts the chain in a new cycle", () => {
    for (let level = 1; level <= 4; level++) {
      const at = run(rated(), branchChain.slice(0, level)).state;
      const [actor] = branchChain[level];
      const r = transition(at, { type: "return", reason: "资料不全" }, actor, ctx);
      expect(r.state).toMatchObject({ status: "returned", returnedTo: "rater", currentStage: null });
      const again = transition(r.state, { type: "submit" }, people.rater, ctx).state;
      expect(again).toMatchObject({ status: "in_review", currentStage: 0, cycle: 2, actorsThisCycle: [] });
      // the same reviewer may act again in the new cycle
      expect(code(() => transition(again, agree(), people.reviewer, ctx))).toBe("OK");
    }
  });

  it("returns from the escalation stages too, and the next cycle starts at the branch", () => {
    const at = run(rated("AA"), [...branchChain, [people.hqRiskOfficer, agree()]]).state;
    const r = transition(at, { type: "return", reason: "需补充集团报表" }, people.hqRiskReviewer, ctx);
    expect(r.state).toMatchObject({ status: "returned", escalated: false });
    expect(transition(r.state, { type: "submit" }, people.rater, ctx).state.currentStage).toBe(0);
  });

  it("lets the rater edit and re-rate while returned", () => {
    const returned = transition(run(rated(), branchChain.slice(0, 2)).state, { type: "return", reason: "请更新报表" }, people.riskOfficer, ctx).state;
    const edited = transition(returned, { type: "rate", systemGrade: "BB", riskLimit: 5 }, people.rater, ctx).state;
    expect(edited).toMatchObject({ status: "returned", systemGrade: "BB", hasConclusion: false });
    expect(code(() => transition(edited, { type: "submit" }, people.rater, ctx))).toBe("VALIDATION");
  });
});

describe("portal channel", () => {
  it("goes applicant -> rater initial review -> branch chain", () => {
    let s = transition(portalDraft(), { type: "applicant_submit" }, people.applicant, ctx).state;
    expect(s.status).toBe("submitted");
    s = transition(s, { type: "rate", systemGrade: "BB", riskLimit: 1 }, people.rater2, ctx).state;
    expect(s).toMatchObject({ raterId: "rater2", status: "system_rated" });
    expect(code(() => transition(s, { type: "rate", systemGrade: "BB", riskLimit: 1 }, people.rater, ctx))).toBe("FORBIDDEN");
    s = transition(s, { type: "evaluate", grade: "BB", hasConclusion: true }, people.rater2, ctx).state;
    s = transition(s, { type: "submit" }, people.rater2, ctx).state;
    expect(s).toMatchObject({ status: "in_review", currentStage: 0 });
  });

  it("asks the applicant for more information and takes the answer back to the same rater", () => {
    let s = transition(portalDraft(), { type: "applicant_submit" }, people.applicant, ctx).state;
    s = transition(s, { type: "request_info", reason: "请上传营业执照" }, people.rater, ctx).state;
    expect(s).toMatchObject({ status: "returned", returnedTo: "applicant", raterId: "rater" });
    expect(code(() => transition(s, { type: "edit" }, people.applicant, ctx))).toBe("OK");
    expect(code(() => transition(s, { type: "rate", systemGrade: "A", riskLimit: 0 }, people.rater, ctx))).toBe("FORBIDDEN");
    s = transition(s, { type: "applicant_submit" }, people.applicant, ctx).state;
    expect(s.status).toBe("submitted");
    expect(code(() => transition(s, { type: "rate", systemGrade: "A", riskLimit: 0 }, people.rater2, ctx))).toBe("FORBIDDEN");
    expect(code(() => transition(s, { type: "rate", systemGrade: "A", riskLimit: 0 }, people.rater, ctx))).toBe("OK");
  });

  it("keeps the applicant out once submitted, and out of review actions", () => {
    const s = transition(portalDraft(), { type: "applicant_submit" }, people.applicant, ctx).state;
    expect(code(() => transition(s, { type: "edit" }, people.applicant, ctx))).toBe("FORBIDDEN");
    expect(code(() => transition(s, { type: "applicant_submit" }, people.applicant, ctx))).toBe("ILLEGAL_TRANSITION");
    expect(code(() => transition(s, { type: "applicant_submit" }, people.rater, ctx))).toBe("FORBIDDEN");
  });
});

describe("withdrawal and final states", () => {
  it("lets the initiator withdraw before review, nobody else, and not during review", () => {
    expect(transition(rated(), { type: "withdraw" }, people.rater, ctx).state.status).toBe("withdrawn");
    expect(code(() => transition(rated(), { type: "withdraw" }, people.reviewer, ctx))).toBe("FORBIDDEN");
    expect(code(() => transition(run(rated(), branchChain.slice(0, 1)).state, { type: "withdraw" }, people.rater, ctx))).toBe("ILLEGAL_TRANSITION");
    expect(transition(portalDraft(), { type: "withdraw" }, people.applicant, ctx).state.status).toBe("withdrawn");
  });

  it("accepts no event in a final state", () => {
    const events: WorkflowEvent[] = [{ type: "edit" }, { type: "submit" }, agree(), { type: "withdraw" }, { type: "return", reason: "xx" }, { type: "applicant_submit" }];
    for (const status of ["approved", "rejected", "withdrawn"] as const) {
      for (const e of events) expect(code(() => transition(rated("A", { status }), e, people.rater, ctx))).toBe("ILLEGAL_TRANSITION");
    }
  });
});
