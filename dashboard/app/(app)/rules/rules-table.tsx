// One platform's rules in force, as a readable two-column table.
import { formatValue, LABELS, type Rules } from "./fields";

export function RulesTable({ rules, caption }: { rules: Rules; caption: string }) {
  const values = rules as Record<string, unknown>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <tbody className="divide-y divide-slate-100">
        {LABELS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
              {label}
            </th>
            <td className="py-1 text-slate-900">{formatValue(key, values[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
