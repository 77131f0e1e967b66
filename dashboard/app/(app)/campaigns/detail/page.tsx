"use client";

// One campaign: its settings (editable), its state, and its plan: "Preview plan" shows every
// pick and skip with its reason; "Apply" writes the posts and their publications.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Loading, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { handle } from "../../accounts/quota";
import type { CampaignChanges } from "../editor";
import { PlanPreview } from "../plan-preview";

// The editor carries the platform choices' form and rules: loaded after the page shows.
const CampaignEditor = dynamic(() => import("../editor").then((m) => m.CampaignEditor), {
  ssr: false,
  loading: () => <Loading label="Opening the campaign's settings…" />,
});

type State = Schemas["CampaignOut"]["state"];
const NEXT: Record<State, { state: State; label: string }[]> = {
  draft: [{ state: "active", label: "Activate" }],
  active: [{ state: "paused", label: "Pause" }, { state: "completed", label: "Complete" }],
  paused: [{ state: "active", label: "Resume" }, { state: "completed", label: "Complete" }],
  completed: [],
};

function Detail({ id }: { id: string }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const key = ["campaign", id];
  const campaign = useQuery({
    queryKey: key,
    queryFn: async () => unwrap(await api.GET("/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } })),
  });
  const accounts = useQuery({
    queryKey: ["accounts"],
    queryFn: async () => unwrap(await api.GET("/v1/accounts", { params: { query: { limit: 200 } } })),
  });
  const [plan, setPlan] = useState<Schemas["PlanOut"] | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const save = useMutation({
    mutationFn: async (body: CampaignChanges) =>
      unwrap(await api.PATCH("/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setPlan(null);
    },
  });
  const move = useMutation({
    mutationFn: async (state: State) =>
      unwrap(await api.POST("/v1/campaigns/{campaign_id}/state", { params: { path: { campaign_id: id } }, body: { state } })),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const planning = useMutation({
    mutationFn: async (apply: boolean) =>
      unwrap(await api.POST("/v1/campaigns/{campaign_id}/plan", { params: { path: { campaign_id: id } }, body: { apply } })),
    onSuccess: (answer) => {
      setPlan(answer);
      if (answer.applied) refresh();
    },
  });
  const names = Object.fromEntries((accounts.data?.items ?? []).map((a) => [a.id, handle(a.username)]));
  const problem = save.error ?? move.error ?? planning.error;

  return (
    <QueryState query={campaign}>
      {(c) => (
        <>
          <PageHeader
            title={c.name}
            description={`${c.starts_on} to ${c.ends_on} · ${c.time_zone}`}
            actions={
              <div className="flex items-center gap-2">
                <StateBadge state={c.state} />
                {can("campaigns:write")
                  ? NEXT[c.state].map((next) => (
                      <Button key={next.state} variant="secondary" disabled={move.isPending} onClick={() => move.mutate(next.state)}>
                        {next.label}
                      </Button>
                    ))
                  : null}
              </div>
            }
          />
          {problem ? <p role="alert" className="mb-4 text-sm text-red-700">{describe(problem)}</p> : null}
          <div className="flex flex-col gap-6">
            {can("campaigns:write") && c.state !== "completed" ? (
              <Card>
                <CardTitle>Settings</CardTitle>
                {accounts.isPending ? <Loading /> : accounts.isError ? <ErrorState error={accounts.error} /> : (
                  <CampaignEditor key={c.updated_at} campaign={c} accounts={accounts.data.items} saving={save.isPending} onSave={(changes) => save.mutate(changes)} />
                )}
              </Card>
            ) : null}
            <Card className="flex flex-col gap-4">
              <CardTitle>Plan</CardTitle>
              <div className="flex gap-2">
                <Button variant="secondary" disabled={planning.isPending || c.state === "completed"} onClick={() => planning.mutate(false)}>
                  Preview plan
                </Button>
                {can("campaigns:write") ? (
                  <Button disabled={planning.isPending || !plan || plan.applied || c.state === "completed"} onClick={() => planning.mutate(true)}>
                    Apply
                  </Button>
                ) : null}
              </div>
              {plan ? <PlanPreview plan={plan} accountNames={names} /> : <p className="text-sm text-slate-600">Preview the plan to see each pick and skip, with its reason.</p>}
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}

function WithId() {
  const id = useSearchParams().get("id");
  return id ? <Detail id={id} /> : <ErrorState error={new Error("No campaign chosen.")} />;
}

export default function CampaignDetailPage() {
  return (
    <Suspense fallback={<Loading />}>
      <WithId />
    </Suspense>
  );
}
