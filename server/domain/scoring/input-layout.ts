/**
 * Slots for the numeric inputs a model reads. Each statement item and numeric fact a model uses gets an index; a
 * rating's values are loaded once into Float64Arrays (NaN = missing) and compiled formulas read them by index.
 *
 * Why: reading `record[code]` from plain objects at many call sites is a megamorphic keyed load, several times
 * slower than an indexed typed-array read, and it is repeated for every formula that mentions the item.
 */
import { toFiniteNumber } from "./formula-values";

export class InputLayout {
  readonly items: string[] = [];
  readonly facts: string[] = [];
  private readonly itemIndex = new Map<string, number>();
  private readonly factIndex = new Map<string, number>();

  itemSlot(code: string): number {
    let slot = this.itemIndex.get(code);
    if (slot === undefined) {
      slot = this.items.length;
      this.items.push(code);
      this.itemIndex.set(code, slot);
    }
    return slot;
  }

  factSlot(key: string): number {
    let slot = this.factIndex.get(key);
    if (slot === undefined) {
      slot = this.facts.length;
      this.facts.push(key);
      this.factIndex.set(key, slot);
    }
    return slot;
  }
}

/** Loads `record[key]` for each key into `out` (NaN when absent or not a finite number). */
export function loadSlots(keys: readonly string[], record: Record<string, unknown> | null, out: Float64Array): void {
  if (record === null) {
    out.fill(NaN);
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = record[key];
    if (typeof value === "number") out[i] = value - value === 0 ? value : NaN;
    else if (value === undefined) out[i] = NaN;
    // Anything else must be an own property (never an inherited Object.prototype member) and is parsed.
    else out[i] = Object.prototype.hasOwnProperty.call(record, key) ? toFiniteNumber(value) : NaN;
  }
}
