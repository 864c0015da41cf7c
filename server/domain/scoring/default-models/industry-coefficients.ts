/**
 * Industry coefficients of the risk limit by GB/T 4754-2017 section (门类). Cyclical, asset-light or
 * policy-restricted sectors bear less debt per unit of cash flow; utilities and public facilities more.
 * Shared by the default corporate and SME models; a model version may carry its own table.
 */
export const DEFAULT_INDUSTRY_COEFFICIENTS: Record<string, number> = {
  A: 0.8, // agriculture, forestry, animal husbandry, fishery
  B: 0.8, // mining
  C: 1.0, // manufacturing
  D: 1.2, // electricity, heat, gas and water supply
  E: 0.8, // construction
  F: 0.9, // wholesale and retail
  G: 1.0, // transport, storage and post
  H: 0.8, // hotels and catering
  I: 1.0, // information transmission, software and IT services
  J: 0.7, // finance
  K: 0.6, // real estate
  L: 0.9, // leasing and business services
  M: 1.0, // scientific research and technical services
  N: 1.1, // water conservancy, environment and public facilities
  O: 0.8, // resident services, repair and other services
  P: 1.0, // education
  Q: 1.0, // health and social work
  R: 0.8, // culture, sports and entertainment
  S: 1.0, // public administration, social security and social organisations
  T: 1.0, // international organisations
};
