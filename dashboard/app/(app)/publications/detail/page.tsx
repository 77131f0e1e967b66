"use client";

// One publication: state, progress, the post on the platform, the error in words, what can be
// done with it, and its state timeline from the ledger. Live through ["publication", id].
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress";
import { ErrorState, Loading, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { platformName } from "../../accounts/quota";
import { PublicationActions } from "../actions";
import { PublicationTimeline } from "../timeline";

function formatted(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "—";
}

function Detail({ id }: { id: string }) {
  const { can } = useSession();
  const publication = useQuery({
    queryKey: ["publication", id],
    queryFn: async () => unwrap(await api.GET("/v1/publications/{publication_id}", { params: { path: { publication_id: id } } })),
  });
  const trail = useQuery({
    queryKey: ["publication", id, "ledger"],
    queryFn: async () => unwrap(await api.GET("/v1/ledger", { params: { query: { publication_id: id, limit: 200 } } })),
    enabled: can("ledger:read"),
  });

  return (
    <QueryState query={publication}>
      {(p) => (
        <>
          <PageHeader
            title={p.title || p.caption || "Untitled post"}
            description={`${platformName(p.platform)}${p.sandbox ? " (sandbox)" : ""} · created ${formatted(p.created_at)}`}
          />
          <div className="grid gap-4 lg:grid-cols-[2fr_3fr]">
            <Card className="flex flex-col gap-4">
              <CardTitle>Where it stands</CardTitle>
              <div className="flex items-center gap-2">
                <StateBadge state={p.state} />
                {p.remote_detail ? <span className="text-sm text-slate-700">({p.remote_detail})</span> : null}
              </div>
              {p.state === "uploading" || p.state === "processing" ? <ProgressBar value={p.progress} label="Upload and processing progress" /> : null}
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">Goes out</dt>
                <dd>{p.publish_at ? formatted(p.publish_at) : "As soon as approved"}</dd>
                {p.next_attempt_at && p.state === "scheduled" ? (
                  <>
                    <dt className="text-slate-600">Next attempt</dt>
                    <dd>{formatted(p.next_attempt_at)}</dd>
                  </>
                ) : null}
                <dt className="text-slate-600">Approved</dt>
                <dd>{formatted(p.approved_at)}</dd>
                <dt className="text-slate-600">Published</dt>
                <dd>{formatted(p.published_at)}</dd>
                <dt className="text-slate-600">Privacy</dt>
                <dd>{p.privacy}</dd>
              </dl>
              {p.remote_url ? (
                <a href={p.remote_url} target="_blank" rel="noopener noreferrer" className="text-sm font-medium text-brand-700 underline">
                  View the post on {platformName(p.platform)}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : null}
              {p.error ? (
                <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
                  <p className="font-medium">{p.error}</p>
                  {p.error_reason ? <p className="mt-1 text-xs">The platform said: {p.error_reason}</p> : null}
                </div>
              ) : null}
              {p.caption ? <p className="whitespace-pre-wrap text-sm text-slate-800">{p.caption}</p> : null}
              <PublicationActions publication={p} />
            </Card>
            <Card className="flex flex-col gap-4">
              <CardTitle>Timeline</CardTitle>
              {trail.isError ? <ErrorState error={trail.error} retry={() => void trail.refetch()} /> : null}
              {trail.isPending && can("ledger:read") ? <Loading label="Reading the ledger…" /> : <PublicationTimeline publication={p} events={trail.data?.items} />}
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}

function FromQuery() {
  const id = useSearchParams().get("id");
  if (!id) {
    return (
      <>
        <PageHeader title="Publication" />
        <ErrorState error={new Error("No publication was named. Open one from the Publications page.")} />
        <Link href="/publications" className="mt-4 inline-block text-brand-700 underline">
          Back to publications
        </Link>
      </>
    );
  }
  return <Detail id={id} />;
}

export default function PublicationDetailPage() {
  return (
    <Suspense fallback={<Loading />}>
      <FromQuery />
    </Suspense>
  );
}
