import { parameters } from "../schema";
import type { Tx } from "../client";

/** Key of the marker row written last by the seed; its presence means "already seeded". */
export const SEED_MARKER_KEY = "seed.demo.version";
export const SEED_VERSION = 1;

/**
 * `statement.balanceTolerance`: a balance sheet balances when
 *   |BS007 - (BS013 + BS014)| <= max(absolute, relative * |BS007|)
 * i.e. one yuan of rounding for small firms, 0.01 % of total assets for large ones (1 M yuan on 10 B).
 */
export const BALANCE_TOLERANCE = { absolute: 1.0, relative: 0.0001 } as const;

export const OVERRIDE_MAX_NOTCHES = { rater: 2, reviewer: 1, risk_officer: 1, risk_reviewer: 1, approver: 2 } as const;

/** Global defaults (institution null). */
export const GLOBAL_PARAMETERS: { key: string; value: unknown }[] = [
  { key: "escalation.grade", value: "AA" },
  { key: "escalation.amount", value: 50_000_000 },
  { key: "override.maxNotches", value: OVERRIDE_MAX_NOTCHES },
  { key: "rating.validityMonths", value: 12 },
  { key: "rating.renewalWarningDays", value: 60 },
  { key: "upload.maxBytes", value: 10_485_760 },
  { key: "upload.allowedTypes", value: ["application/pdf", "image/jpeg", "image/png"] },
  { key: "sync.schedule", value: { enabled: true, cron: "0 2 * * *" } },
  { key: "statement.balanceTolerance", value: BALANCE_TOLERANCE },
];

/** Per-institution overrides, by institution code: the Guangdong branch escalates from A instead of AA. */
export const INSTITUTION_PARAMETERS: { key: string; institutionCode: string; value: unknown }[] = [
  { key: "escalation.grade", institutionCode: "GD", value: "A" },
];

/** Writes the parameters; a key somebody already set (e.g. an admin) is kept. Returns rows written. */
export async function seedParameters(tx: Tx, institutionIds: Map<string, number>): Promise<number> {
  const rows = [
    ...GLOBAL_PARAMETERS.map((p) => ({ key: p.key, institutionId: null, value: p.value })),
    ...INSTITUTION_PARAMETERS.map((p) => ({ key: p.key, institutionId: institutionIds.get(p.institutionCode)!, value: p.value })),
  ];
  const written = await tx.insert(parameters).values(rows).onConflictDoNothing().returning({ id: parameters.id });
  return written.length;
}

export async function writeSeedMarker(tx: Tx): Promise<void> {
  await tx.insert(parameters).values({ key: SEED_MARKER_KEY, institutionId: null, value: SEED_VERSION });
}
