import { rate } from "@/server/domain/scoring/engine";
import { DEFAULT_MASTER_SCALE } from "@/server/domain/scoring/master-scale";
import { SME_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/sme-scorecard";
import { PUBLIC_INSTITUTION_SCORECARD_MODEL } from "@/server/domain/scoring/default-models/public-institution-scorecard";
import { seededRandom, syntheticSme, syntheticPublicInstitution } from "@/server/domain/scoring/synthetic-inputs";
for (const [model, gen] of [[SME_SCORECARD_MODEL, syntheticSme], [PUBLIC_INSTITUTION_SCORECARD_MODEL, syntheticPublicInstitution]] as const) {
  const rnd = seededRandom(1); const counts: Record<string, number> = {}; const N = 20000; let s = 0;
  for (let i = 0; i < N; i++) { const r = rate(model, DEFAULT_MASTER_SCALE, gen(rnd)); counts[r.grade] = (counts[r.grade] ?? 0) + 1; s += r.score; }
  console.log(model.key, (s / N).toFixed(1), DEFAULT_MASTER_SCALE.grades.map(g => `${g.grade} ${((counts[g.grade] ?? 0) / N * 100).toFixed(1)}`).join(" | "));
}
