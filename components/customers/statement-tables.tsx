import { translate, type Locale } from "@/components/i18n/translate";
import { STATEMENT_ITEMS } from "@/components/customers/statement-items";

interface Statement {
  id: number;
  period: string;
  formCode: string;
  items: Record<string, number>;
  checkStatus: string;
  checkMessages: string[] | null;
}

/** Statements side by side by period, one table per form, line items in the SPEC order. */
export function StatementTables({ statements, locale }: { statements: Statement[]; locale: Locale }) {
  const t = (k: string) => translate(locale, k);
  const periods = [...new Set(statements.map((s) => s.period))].sort().reverse();
  const forms = ["BS", "IS", "CF"].filter((f) => statements.some((s) => s.formCode === f));
  const fmt = (v: number | undefined) => (v == null ? "—" : v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  return (
    <div className="space-y-6">
      {forms.map((form) => (
        <div key={form} className="overflow-x-auto">
          <h3 className="mb-2 text-sm font-semibold">{t(`form.${form}`)}</h3>
          <table className="w-full text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 text-left">{t("customers.form")}</th>
                {periods.map((p) => {
                  const s = statements.find((x) => x.period === p && x.formCode === form);
                  return (
                    <th key={p} className="py-1 text-right">
                      {p}
                      {s && s.checkStatus === "failed" ? <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800" title={(s.checkMessages ?? []).join("; ")}>{t("check.failed")}</span> : null}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {STATEMENT_ITEMS.filter((i) => i.code.startsWith(form)).map((item) => (
                <tr key={item.code} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{locale === "zh" ? item.zh : item.en} <span className="text-xs text-slate-400">{item.code}</span></td>
                  {periods.map((p) => (
                    <td key={p} className="py-1 text-right tabular-nums">{fmt(statements.find((x) => x.period === p && x.formCode === form)?.items[item.code])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
