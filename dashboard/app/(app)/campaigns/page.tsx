"use client";

// The workspace's campaigns, newest first, and a small form to start a new one (a draft, edited
// on its own page).
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { handle } from "../accounts/quota";

// The API's own defaults, sent explicitly: the schema marks them required in requests.
const DEFAULTS = {
  schedule_mode: "slots",
  min_gap_minutes: 60,
  caption_template: "",
  approval_policy: "one",
  approvals_required: 1,
  evergreen: false,
  evergreen_cooldown_days: 30,
  evergreen_max_reuses: 2,
  exploration_share: 0.1,
} as const;

function day(offset: number): string {
  const date = new Date(Date.now() + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function NewCampaign() {
  const router = useRouter();
  const [name, setName] = useState("");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const create = useMutation({
    mutationFn: async (body: Schemas["CampaignIn"]) => unwrap(await api.POST("/v1/campaigns", { body })),
    onSuccess: (campaign) => router.push(`/campaigns/detail?id=${campaign.id}`),
  });
  return (
    <Card className="mb-6 flex flex-col gap-3">
      <CardTitle>New campaign</CardTitle>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ ...DEFAULTS, name, time_zone: zone, starts_on: day(1), ends_on: day(30) });
        }}
      >
        <Field id="campaign-name" label="Name">
          <Input id="campaign-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create draft"}
        </Button>
      </form>
      {create.isError ? <p role="alert" className="text-sm text-red-700">{describe(create.error)}</p> : null}
    </Card>
  );
}

export default function CampaignsPage() {
  const { can } = useSession();
  const campaigns = useInfiniteQuery({
    queryKey: ["campaigns"],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/campaigns", { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = campaigns.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader title="Campaigns" description="Accounts, slots and rules; the planner fills them with your best clips." />
      {can("campaigns:write") ? <NewCampaign /> : null}
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.isError ? (
        <ErrorState error={campaigns.error} retry={() => void campaigns.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No campaign yet.">Create one, pick its accounts and slots, then preview its plan.</Empty>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Campaigns, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Name</th>
                <th scope="col" className="px-4 py-2 font-medium">State</th>
                <th scope="col" className="px-4 py-2 font-medium">Dates</th>
                <th scope="col" className="px-4 py-2 font-medium">Accounts</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-4 py-2">
                    <Link href={`/campaigns/detail?id=${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{c.name}</Link>
                  </td>
                  <td className="px-4 py-2"><StateBadge state={c.state} /></td>
                  <td className="px-4 py-2 text-slate-700">{c.starts_on} to {c.ends_on} ({c.time_zone})</td>
                  <td className="px-4 py-2 text-slate-700">{c.targets.map((t) => handle(t.username)).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {campaigns.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" disabled={campaigns.isFetchingNextPage} onClick={() => void campaigns.fetchNextPage()}>Load more</Button>
        </div>
      ) : null}
    </>
  );
}
