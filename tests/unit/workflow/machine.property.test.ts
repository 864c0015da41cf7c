import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { transition, type WorkflowEvent, type WorkflowState } from "@/server/domain/workflow/machine";
import { stagesOf } from "@/server/domain/workflow/chains";
import { GRADES } from "@/server/domain/workflow/grades";
import { DomainError } from "@/server/domain/errors";
import { bankDraft, ctx, people, portalDraft } from "./fixtures";

const actors = Object.values(people);
const grade = fc.constantFrom(...GRADES);
const text = fc.constantFrom("同意", "资料不全", "", "ok", "  ");
const event: fc.Arbitrary<WorkflowEvent> = fc.oneof(
  fc.constant({ type: "edit" } as const),
  fc.record({ type: fc.constant("rate" as const), systemGrade: grade.filter((g) => g !== "D"), riskLimit: fc.constantFrom(0, 1_000_000, 80_000_000) }),
  fc.record({ type: fc.constant("evaluate" as const), grade, hasConclusion: fc.boolean() }),
  fc.constant({ type: "submit" } as const),
  fc.constant({ type: "applicant_submit" } as const),
  fc.record({ type: fc.constant("request_info" as const), reason: text }),
  fc.record({ type: fc.constant("agree" as const), opinion: text, grade: fc.option(grade, { nil: undefined }) }),
  fc.record({ type: fc.constant("disagree" as const), opinion: text, grade: fc.option(grade, { nil: undefined }) }),
  fc.record({ type: fc.constant("return" as const), reason: text }),
  fc.record({ type: fc.constant("reject" as const), reason: text }),
  fc.constant({ type: "withdraw" } as const),
);
const command = fc.tuple(fc.constantFrom(...actors), event, fc.nat(9));

/** The natural next move for a state (used 70% of the time, so sequences get deep into the chain). */
function naturalMove(state: WorkflowState, dice: number): [typeof actors[number], WorkflowEvent] | null {
  const holder = state.raterId === "rater2" ? people.rater2 : people.rater;
  switch (state.status) {
    case "draft":
      return state.channel === "portal" && state.raterId === null ? [people.applicant, { type: "applicant_submit" }] : [holder, { type: "rate", systemGrade: dice < 3 ? "AA" : "BBB", riskLimit: 0 }];
    case "submitted":
      return [holder, { type: "rate", systemGrade: "AA", riskLimit: 0 }];
    case "system_rated":
      return state.hasConclusion ? [holder, { type: "submit" }] : [holder, { type: "evaluate", grade: state.systemGrade ?? "A", hasConclusion: true }];
    case "returned":
      if (state.returnedTo === "applicant") return [people.applicant, { type: "applicant_submit" }];
      return state.hasConclusion ? [holder, { type: "submit" }] : [holder, { type: "evaluate", grade: state.systemGrade ?? "A", hasConclusion: true }];
    case "in_review": {
      const order = [people.reviewer, people.riskOfficer, people.riskReviewer, people.approver, people.hqRiskOfficer, people.hqRiskReviewer, people.hqApprover];
      return [order[state.currentStage!], { type: "agree", opinion: "同意" }];
    }
    default:
      return null;
  }
}

interface Trace {
  cycle: number;
  stageIndexes: number[];
  actors: string[];
}

describe("workflow state machine under random command sequences", () => {
  it("never reaches an illegal state, never skips a level, never lets one person act twice in a cycle", () => {
    let approvals = 0;
    let escalations = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(command, { minLength: 1, maxLength: 120 }), (portal, commands) => {
        let state: WorkflowState = portal ? portalDraft() : bankDraft();
        let trace: Trace = { cycle: state.cycle, stageIndexes: [], actors: [] };
        for (const [randomActor, randomEvent, dice] of commands) {
          const natural = dice < 7 ? naturalMove(state, dice) : null;
          const [actor, ev] = natural ?? [randomActor, randomEvent];
          let result;
          try {
            result = transition(state, ev, actor, ctx);
          } catch (e) {
            // every refusal is a typed domain error, and leaves the state as it was
            expect(e).toBeInstanceOf(DomainError);
            continue;
          }
          const before = state;
          state = result.state;
          if (state.cycle !== trace.cycle) trace = { cycle: state.cycle, stageIndexes: [], actors: [] };

          const stages = stagesOf(ctx.chain, state.escalated);
          expect(["draft", "system_rated", "submitted", "in_review", "returned", "approved", "rejected", "withdrawn"]).toContain(state.status);
          if (state.status === "in_review") {
            expect(state.currentStage).not.toBeNull();
            expect(state.currentStage!).toBeGreaterThanOrEqual(0);
            expect(state.currentStage!).toBeLessThan(stages.length);
            expect(state.grade).not.toBeNull();
          } else {
            expect(state.currentStage).toBeNull();
          }
          expect(state.grade).not.toBe("D");

          const step = result.step;
          if (step && step.stageIndex !== null) {
            // review steps in a cycle go 0, 1, 2, ... without a gap
            expect(step.stageIndex).toBe(trace.stageIndexes.length);
            expect(before.currentStage).toBe(step.stageIndex);
            expect(trace.actors).not.toContain(actor.userId);
            expect(actor.userId).not.toBe(state.initiatorId);
            expect(actor.userId).not.toBe(state.raterId);
            expect(actor.role).toBe(stages[step.stageIndex].role);
            trace.stageIndexes.push(step.stageIndex);
            trace.actors.push(actor.userId);
          }
          if (step && (step.action === "return" || step.action === "request_info")) trace = { cycle: -1, stageIndexes: [], actors: [] };
          if (result.finalized) {
            approvals++;
            if (state.escalated) escalations++;
            expect(state.status).toBe("approved");
            expect(trace.stageIndexes).toEqual(stages.map((_, i) => i));
          }
          if (before.status === "approved" || before.status === "rejected" || before.status === "withdrawn") throw new Error("a final state accepted an event");
        }
      }),
      { numRuns: 1500, seed: 424242 },
    );
    console.log(`1500 random command sequences: ${approvals} reached final approval (${escalations} escalated)`);
    expect(approvals).toBeGreaterThan(100);
    expect(escalations).toBeGreaterThan(10);
  });

  it("reaches approval along a guided path (so the property above is not vacuous)", () => {
    fc.assert(
      fc.property(fc.constantFrom("BBB", "AA", "AAA", "B"), (g) => {
        let s: WorkflowState = bankDraft({ status: "system_rated", systemGrade: g, grade: g, hasConclusion: true, riskLimit: 0 });
        s = transition(s, { type: "submit" }, people.rater, ctx).state;
        const order = [people.reviewer, people.riskOfficer, people.riskReviewer, people.approver, people.hqRiskOfficer, people.hqRiskReviewer, people.hqApprover];
        for (const a of order) {
          if (s.status !== "in_review") break;
          s = transition(s, { type: "agree", opinion: "同意" }, a, ctx).state;
        }
        expect(s.status).toBe("approved");
        expect(s.escalated).toBe(g === "AA" || g === "AAA");
      }),
    );
  });
});
