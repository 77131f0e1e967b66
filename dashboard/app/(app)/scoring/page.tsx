"use client";

// The clip score each platform learns from this workspace's results: the version in use, every
// training run with its held-out metrics, "Train now" and rolling back (admins).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, QueryState } from "@/components/ui/states";
import { PlatformModels, type ScoringModel } from "@/components/scoring/platform-models";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";

const PLATFORMS = ["tiktok", "instagram", "youtube"];

function byPlatform(models: ScoringModel[]): [string, ScoringModel[]][] {
  const grouped = new Map<string, ScoringModel[]>();
  for (const model of models) grouped.set(model.platform, [...(grouped.get(model.platform) ?? []), model]);
  const rank = (p: string) => (PLATFORMS.includes(p) ? PLATFORMS.indexOf(p) : PLATFORMS.length);
  return [...grouped.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

export default function ScoringPage() {
  const { can } = useSession();
  const approver = can("rules:approve");
  const queryClient = useQueryClient();
  const models = useQuery({
    queryKey: ["scoring", "models"],
    queryFn: async () => unwrap(await api.GET("/v1/scoring/models", { params: { query: { limit: 200 } } })),
  });
  const train = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/scoring/train", { body: {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["scoring", "models"] }),
  });
  return (
    <>
      <PageHeader
        title="Scoring"
        description="What makes a clip do well here, learnt from this workspace's own published results. A new version is used only if it ranks later results at least 10% better."
        actions={
          approver ? (
            <Button disabled={train.isPending} onClick={() => train.mutate()}>
              Train now
            </Button>
          ) : null
        }
      />
      {train.isSuccess ? (
        <p role="status" className="mb-4 text-sm text-slate-700">
          Training is queued; follow it on the <Link className="font-medium text-brand-700 underline" href="/jobs">Jobs</Link> page.
        </p>
      ) : null}
      {train.isError ? <p role="alert" className="mb-4 text-sm text-red-700">{describe(train.error)}</p> : null}
      {!approver ? <p className="mb-4 text-sm text-slate-700">Only admins train and roll back; you can see every run.</p> : null}
      <QueryState
        query={models}
        empty={(page) =>
          page.items.length === 0 ? (
            <Empty title="Nothing learnt yet">
              The default weights score every clip. Training starts once published clips have results (about 48 hours after publishing).
            </Empty>
          ) : null
        }
      >
        {(page) => (
          <div className="flex flex-col gap-6">
            {byPlatform(page.items).map(([platform, runs]) => (
              <PlatformModels key={platform} platform={platform} models={runs} canDecide={approver} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
