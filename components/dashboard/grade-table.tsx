import { translate, type Locale } from "@/components/i18n/translate";

const GRADE_ORDER = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];

export function GradeTable({ rows, locale }: { rows: { grade: string; count: number }[]; locale: Locale }) {
  if (!rows.length) return <p className="text-sm text-slate-500">{translate(locale, "common.noData")}</p>;
  const sorted = [...rows].sort((a, b) => GRADE_ORDER.indexOf(a.grade) - GRADE_ORDER.indexOf(b.grade));
  const total = sorted.reduce((s, r) => s + r.count, 0);
  return (
    <table className="w-full max-w-md text-sm">
      <thead>
        <tr className="text-left text-slate-500"><th className="py-1">{translate(locale, "customers.grade")}</th><th className="py-1 text-right">#</th><th className="py-1 text-right">%</th></tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.grade} className="border-t border-slate-100">
            <td className="py-1 font-medium">{r.grade}</td>
            <td className="py-1 text-right tabular-nums">{r.count.toLocaleString(locale)}</td>
            <td className="py-1 text-right tabular-nums">{((100 * r.count) / total).toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
