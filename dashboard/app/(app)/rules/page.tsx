"use client";

// Platform rules: the version in force for each platform, proposals waiting for a decision
// (admins approve or reject), and a form to propose a change (editors and admins).
import { useQuery } from "@tanstack/react-query";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { PLATFORM_NAMES, PLATFORMS, type Platform, type Rules } from "./fields";
import { ProposalCard } from "./proposal-card";
import { ProposeForm } from "./propose-form";
import { RulesTable } from "./rules-table";

export default function RulesPage() {
  const { can, me } = useSession();
  const active = useQuery({
    queryKey: ["platform-rules", "active"],
    queryFn: async () => unwrap(await api.GET("/v1/platform-rules/active")),
  });
  const proposals = useQuery({
    queryKey: ["platform-rules", "proposed"],
    queryFn: async () => unwrap(await api.GET("/v1/platform-rules", { params: { query: { status: "proposed", limit: 100 } } })),
  });
  const rulesInForce: Partial<Record<Platform, Rules>> = Object.fromEntries(
    Object.entries(active.data ?? {}).map(([platform, version]) => [platform, version.rules]),
  );
  return (
    <>
      <PageHeader
        title="Platform rules"
        description="What each platform accepts. Renders aim at it, and every post is checked against it before anything is uploaded. Shared by every workspace on this instance."
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardTitle className="mb-3">Waiting for a decision</CardTitle>
          <QueryState query={proposals} empty={(page) => (page.items.length === 0 ? <p className="text-sm text-slate-600">No change is waiting.</p> : null)}>
            {(page) => (
              <div className="flex flex-col gap-3">
                {page.items.map((proposal) => (
                  <ProposalCard
                    key={proposal.id}
                    proposal={proposal}
                    active={rulesInForce[proposal.platform as Platform]}
                    canDecide={can("rules:approve")}
                    myId={me.user.id}
                  />
                ))}
              </div>
            )}
          </QueryState>
        </Card>
        <QueryState query={active}>
          {(versions) => (
            <div className="grid gap-4 lg:grid-cols-3">
              {PLATFORMS.filter((p) => versions[p]).map((platform) => (
                <Card key={platform}>
                  <CardTitle className="mb-2">
                    {PLATFORM_NAMES[platform]} · version {versions[platform]!.version}
                  </CardTitle>
                  <RulesTable rules={versions[platform]!.rules} caption={`${PLATFORM_NAMES[platform]} rules in force`} />
                </Card>
              ))}
            </div>
          )}
        </QueryState>
        <Card>
          <CardTitle className="mb-3">Propose a change</CardTitle>
          {can("rules:propose") ? (
            <ProposeForm active={rulesInForce} />
          ) : (
            <p className="text-sm text-slate-600">Editors and admins propose changes; you can read the rules in force.</p>
          )}
        </Card>
      </div>
    </>
  );
}
