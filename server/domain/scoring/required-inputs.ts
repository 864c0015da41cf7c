/**
 * What a model needs as input, so that application forms, import templates and completeness checks can be built
 * from the model itself rather than kept in sync by hand.
 */
import { formulaReferences, parseFormula, type FormulaReferences } from "./formula";
import type { ChoiceOption, LocalizedText, ModelDefinition } from "./model-schema";

export interface RequiredFact {
  key: string;
  kind: "number" | "choice";
  /** Label for the form: the indicator's name, or the model's `factLabels` entry, or the key itself. */
  label: LocalizedText;
  /** Choice answers, in the model's order. */
  options?: { code: string; label: LocalizedText }[];
  /** Where the fact is used: "indicator", "cap" or "limit". */
  usedBy: ("indicator" | "cap" | "limit")[];
}

export interface RequiredInputs {
  /** Statement item codes read in any period, sorted. */
  items: string[];
  /** True when any formula reads the previous period (prev.X or avg(X)). */
  needsPrevious: boolean;
  facts: RequiredFact[];
}

function referencesOf(formula: string | undefined): FormulaReferences {
  if (!formula) return { items: [], previousItems: [], facts: [] };
  return formulaReferences(parseFormula(formula));
}

/** Expects a valid model (see validateModel); formulas that do not parse throw DomainError("INVALID_FORMULA"). */
export function requiredInputs(model: ModelDefinition): RequiredInputs {
  const items = new Set<string>();
  let needsPrevious = false;
  const facts = new Map<string, RequiredFact>();

  const addFact = (key: string, usedBy: RequiredFact["usedBy"][number], kind: RequiredFact["kind"], label?: LocalizedText, options?: ChoiceOption[]) => {
    const existing = facts.get(key);
    if (existing) {
      if (!existing.usedBy.includes(usedBy)) existing.usedBy.push(usedBy);
      return;
    }
    facts.set(key, {
      key,
      kind,
      label: label ?? model.factLabels?.[key] ?? { en: key, zh: key },
      ...(options ? { options: options.map((o) => ({ code: o.code, label: o.label })) } : {}),
      usedBy: [usedBy],
    });
  };
  const addFormula = (formula: string | undefined, usedBy: "indicator" | "limit") => {
    const refs = referencesOf(formula);
    refs.items.forEach((i) => items.add(i));
    refs.previousItems.forEach((i) => items.add(i));
    if (refs.previousItems.length > 0) needsPrevious = true;
    refs.facts.forEach((f) => addFact(f, usedBy, "number"));
  };

  for (const indicator of model.indicators) {
    if (indicator.source === "formula") addFormula(indicator.formula, "indicator");
    else if (indicator.source === "fact") addFact(indicator.fact!, "indicator", "number", indicator.name);
    else addFact(indicator.fact!, "indicator", "choice", indicator.name, indicator.options);
  }
  for (const cap of model.caps) {
    if (cap.when.fact !== undefined) {
      const kind = typeof cap.when.value === "number" ? "number" : "choice";
      addFact(cap.when.fact, "cap", kind, undefined, kind === "choice" ? [{ code: String(cap.when.value), label: { en: String(cap.when.value), zh: String(cap.when.value) }, value: 0 }] : undefined);
    }
  }
  addFormula(model.limit.base, "limit");
  addFormula(model.limit.existingDebt, "limit");

  return { items: [...items].sort(), needsPrevious, facts: [...facts.values()] };
}
