import { describe, expect, it } from "vitest";
import { en } from "@/components/i18n/en";
import { zh } from "@/components/i18n/zh";
import { translate } from "@/components/i18n/translate";

describe("dictionaries", () => {
  it("have the same keys and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(en), ...Object.values(zh)]) expect(v.trim()).not.toBe("");
  });

  it("keep the same placeholders in both languages", () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) expect(ph(en[k])).toBe(ph(zh[k]));
  });

  it("fill placeholders", () => {
    expect(translate("en", "todo.days", { n: 3 })).toBe("3 days");
    expect(translate("zh", "todo.days", { n: 3 })).toBe("3 天");
  });
});
