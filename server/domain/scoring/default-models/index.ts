/** The shipped default models (version 1 of each), seeded into the database with the default master scale. */
import type { ModelDefinition } from "../model-schema";
import { CORPORATE_PD_MODEL } from "./corporate-pd";
import { INDIVIDUAL_SCORECARD_MODEL } from "./individual-scorecard";
import { PUBLIC_INSTITUTION_SCORECARD_MODEL } from "./public-institution-scorecard";
import { SME_SCORECARD_MODEL } from "./sme-scorecard";

export { CORPORATE_PD_MODEL, INDIVIDUAL_SCORECARD_MODEL, PUBLIC_INSTITUTION_SCORECARD_MODEL, SME_SCORECARD_MODEL };
export { INDIVIDUAL_SCORECARD_FIT_REPORT } from "./individual-scorecard.generated";

export const DEFAULT_MODELS: readonly ModelDefinition[] = [
  CORPORATE_PD_MODEL,
  SME_SCORECARD_MODEL,
  PUBLIC_INSTITUTION_SCORECARD_MODEL,
  INDIVIDUAL_SCORECARD_MODEL,
];
