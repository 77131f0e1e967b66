// A campaign's plan as the planner answered it: every pick with its clip, score and reason, and
// every skipped slot with the constraint that decided it.
import type { Schemas } from "@stakazo/api-client";
import { platformName } from "../accounts/quota";

type Plan = Schemas["PlanOut"];

function when(iso: string): string {
  return new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });
}

export function PlanPreview({ plan, accountNames }: { plan: Plan; accountNames: Record<string, string> }) {
  const account = (id: string) => accountNames[id] ?? id.slice(0, 8);
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700" role="status">
        {plan.applied ? `Applied: ${plan.created} new posts, ${plan.kept} already there.` : `Preview: ${plan.picks.length} posts to place, ${plan.kept} already there, ${plan.skips.length} slots skipped.`}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="px-4 py-2 text-left font-medium text-slate-800">Picks</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">When</th>
              <th scope="col" className="px-4 py-2 font-medium">Account</th>
              <th scope="col" className="px-4 py-2 font-medium">Score</th>
              <th scope="col" className="px-4 py-2 font-medium">Why</th>
              <th scope="col" className="px-4 py-2 font-medium">Caption</th>
            </tr>
          </thead>
          <tbody>
            {plan.picks.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-3 text-slate-600">No new posts.</td>
              </tr>
            ) : (
              plan.picks.map((pick) => (
                <tr key={`${pick.account_id}-${pick.slot_at}`} className="border-t border-slate-200 align-top">
                  <td className="px-4 py-2 whitespace-nowrap">{when(pick.slot_at)}</td>
                  <td className="px-4 py-2">
                    {account(pick.account_id)} <span className="text-slate-600">({platformName(pick.platform)})</span>
                  </td>
                  <td className="px-4 py-2">
                    {pick.score.toFixed(2)}
                    {pick.exploration ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">exploration</span> : null}
                    {pick.reuse > 0 ? <span className="ml-1 rounded bg-emerald-100 px-1 text-xs text-emerald-900">evergreen #{pick.reuse}</span> : null}
                  </td>
                  <td className="max-w-md px-4 py-2 text-slate-700">{String(pick.reason.text ?? "")}</td>
                  <td className="max-w-xs px-4 py-2 text-slate-700">
                    <span className="line-clamp-3 whitespace-pre-line">{pick.caption}</span>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {plan.skips.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="px-4 py-2 text-left font-medium text-slate-800">Skipped slots</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">When</th>
                <th scope="col" className="px-4 py-2 font-medium">Account</th>
                <th scope="col" className="px-4 py-2 font-medium">Constraint</th>
                <th scope="col" className="px-4 py-2 font-medium">Why</th>
              </tr>
            </thead>
            <tbody>
              {plan.skips.map((skip) => (
                <tr key={`${skip.account_id}-${skip.slot_at}`} className="border-t border-slate-200 align-top">
                  <td className="px-4 py-2 whitespace-nowrap">{when(skip.slot_at)}</td>
                  <td className="px-4 py-2">{account(skip.account_id)}</td>
                  <td className="px-4 py-2">{skip.constraint.replaceAll("_", " ")}</td>
                  <td className="px-4 py-2 text-slate-700">{skip.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
