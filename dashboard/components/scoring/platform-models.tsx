"use client";

// One platform's clip scorer: the version in use (or the default weights), every training run
// with its held-out NDCG@5 against the scorer in use then, and for admins a way back to any
// stored version.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { platformName } from "@/components/clips/contributions";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { timeAgo } from "@/lib/utils";

export type ScoringModel = Schemas["ScoringModelOut"];

function ndcg(value: number | null | undefined): string {
  return value == null ? "—" : value.toFixed(3);
}

function change(value: number | null | undefined): string {
  if (value == null) return "";
  return ` (${value >= 0 ? "+" : ""}${Math.round(value * 100)}%)`;
}

export function PlatformModels({ platform, models, canDecide }: { platform: string; models: ScoringModel[]; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const activate = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST("/v1/scoring/models/{model_id}/activate", { params: { path: { model_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["scoring", "models"] }),
  });
  const active = models.find((m) => m.state === "active");
  const newest = models[0];
  const name = platformName(platform);
  return (
    <Card>
      <CardTitle>{name}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">
        {active ? `Version ${active.version} (${active.kind}) scores new ${name} clips since ${timeAgo(active.activated_at)}.` : `The default weights score ${name} clips.`}
      </p>
      {newest && !newest.metrics.enough_data ? (
        <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900">{newest.note}</p>
      ) : null}
      {activate.isError ? <p role="alert" className="mt-2 text-sm text-red-700">{describe(activate.error)}</p> : null}
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Training runs for {name}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-1 font-medium">Version</th>
              <th scope="col" className="py-1 font-medium">State</th>
              <th scope="col" className="py-1 text-right font-medium">NDCG@5 this / in use</th>
              <th scope="col" className="py-1 text-right font-medium">Rows train / held out</th>
              <th scope="col" className="py-1 font-medium">Trained</th>
              <th scope="col" className="py-1 font-medium">Note</th>
              {canDecide ? <th scope="col" className="py-1"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-1 text-left font-normal">
                  {model.version} <span className="text-slate-500">{model.kind}</span>
                </th>
                <td className="py-1"><StateBadge state={model.state} /></td>
                <td className="py-1 text-right tabular-nums">
                  {ndcg(model.metrics.ndcg5_candidate)} / {ndcg(model.metrics.ndcg5_active)}
                  {change(model.metrics.improvement)}
                </td>
                <td className="py-1 text-right tabular-nums">
                  {model.metrics.train_rows} / {model.metrics.heldout_rows}
                </td>
                <td className="py-1 text-slate-700">{timeAgo(model.created_at)}</td>
                <td className="py-1 text-slate-700">{model.note}</td>
                {canDecide ? (
                  <td className="py-1 text-right">
                    {model.state === "retired" || model.state === "candidate" ? (
                      <Button size="sm" variant="secondary" disabled={activate.isPending} onClick={() => activate.mutate(model.id)}>
                        {active && model.version < active.version ? "Roll back to" : "Activate"} version {model.version}
                      </Button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
