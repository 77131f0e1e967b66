"use client";

import type { Schemas } from "@stakazo/api-client";
import { useQuery } from "@tanstack/react-query";
import { Activity, Clapperboard, Film, Send, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress";
import { OperationsOverview } from "@/components/operations/operations-overview";
import { Empty, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { useRecentEvents } from "@/lib/event-stream";
import { describeEvent, type StreamEvent } from "@/lib/events";
import { useSession } from "@/lib/session";
import { timeAgo } from "@/lib/utils";

type Counts = Schemas["StateCounts"];
type Resource = keyof Schemas["Overview"];

const TILES: { resource: Resource; title: string; href: string; icon: LucideIcon; permission: string; none: string }[] = [
  { resource: "assets", title: "Videos", href: "/videos", icon: Film, permission: "assets:read", none: "No videos yet" },
  { resource: "clips", title: "Clips", href: "/clips", icon: Clapperboard, permission: "clips:read", none: "No clips yet" },
  { resource: "jobs", title: "Jobs", href: "/jobs", icon: Activity, permission: "jobs:read", none: "No jobs yet" },
  {
    resource: "publications",
    title: "Publications",
    href: "/publications",
    icon: Send,
    permission: "campaigns:read",
    none: "Nothing published yet",
  },
];

function Tile({ title, href, icon: Icon, counts, none }: { title: string; href: string; icon: LucideIcon; counts: Counts; none: string }) {
  const id = `tile-${title.toLowerCase()}`;
  const states = Object.entries(counts.by_state).sort((a, b) => b[1] - a[1]);
  return (
    <Card className="flex flex-col gap-3" role="group" aria-labelledby={id}>
      <div className="flex items-center justify-between">
        <CardTitle id={id}>
          <Link href={href} className="hover:underline">
            {title}
          </Link>
        </CardTitle>
        <Icon className="h-5 w-5 text-slate-500" aria-hidden />
      </div>
      <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid={`${id}-total`} aria-live="polite">
        {counts.total}
      </p>
      {states.length === 0 ? (
        <p className="text-sm text-slate-600">{none}</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${title} by state`}>
          {states.map(([state, count]) => (
            <li key={state} className="flex items-center gap-1 text-sm tabular-nums text-slate-700">
              <StateBadge state={state} />
              <span>{count}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A re-render every half minute, so "2 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Feed({ events }: { events: StreamEvent[] }) {
  const now = useNow();
  if (events.length === 0) {
    return (
      <Empty title="Nothing has happened since you opened this page">
        Uploads, jobs, clips and publications show up here the moment they change.
      </Empty>
    );
  }
  return (
    <ol className="divide-y divide-slate-100" aria-label="Recent events">
      {events.map((event) => (
        <li key={event.id} className="flex items-center justify-between gap-4 py-2 text-sm">
          <span className="flex items-center gap-2 text-slate-800">
            {describeEvent(event)}
            {event.type === "job.progress" && typeof event.data.progress === "number" ? (
              <ProgressBar value={event.data.progress} label={describeEvent(event)} className="w-24" />
            ) : null}
          </span>
          <time dateTime={event.at} className="shrink-0 text-xs text-slate-600" title={new Date(event.at).toLocaleString()}>
            {/* `now` moves every 30 s; an event newer than it is "now", never "in 1 second". */}
            {timeAgo(event.at, Math.max(now, Date.parse(event.at)))}
          </time>
        </li>
      ))}
    </ol>
  );
}

const STEPS = [
  { href: "/videos", title: "Upload a video", text: "A talk, an interview, a stream: drop the file, even a large one." },
  { href: "/clips", title: "Review the clips", text: "Stakazo finds the best moments and scores them per platform." },
  { href: "/accounts", title: "Connect your accounts", text: "Instagram, TikTok and YouTube, once each." },
  { href: "/publications", title: "Approve and publish", text: "Approved clips go out; every step is in the ledger." },
];

function GettingStarted() {
  return (
    <section aria-labelledby="start-heading" className="mb-8">
      <Card className="border-brand-100 bg-brand-50">
        <CardTitle id="start-heading">Get started</CardTitle>
        <ol className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {STEPS.map((step, index) => (
            <li key={step.href} className="flex gap-3">
              <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white" aria-hidden>
                {index + 1}
              </span>
              <div className="text-sm">
                <Link href={step.href} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
                  {step.title}
                </Link>
                <p className="mt-0.5 text-slate-700">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}

export default function OverviewPage() {
  const { workspace, can } = useSession();
  const overview = useQuery({
    queryKey: ["overview"],
    queryFn: async () => unwrap(await api.GET("/v1/overview")),
  });
  const events = useRecentEvents();
  const tiles = TILES.filter((tile) => can(tile.permission));
  return (
    <>
      <PageHeader title="Overview" description={`Everything in ${workspace.workspace_name}, as it happens.`} />
      <section aria-labelledby="counts-heading" className="mb-8">
        <h2 id="counts-heading" className="sr-only">
          Counts by state
        </h2>
        <QueryState query={overview}>
          {(data) => (
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
              {tiles.map((tile) => (
                <Tile key={tile.resource} {...tile} counts={data[tile.resource]} />
              ))}
            </div>
          )}
        </QueryState>
      </section>
      {overview.data && overview.data.assets.total === 0 && can("assets:write") ? <GettingStarted /> : null}
      {can("telemetry:read") ? <OperationsOverview /> : null}
      <section aria-labelledby="feed-heading">
        <Card>
          <CardTitle id="feed-heading" className="mb-2">
            Recent events
          </CardTitle>
          <Feed events={events} />
        </Card>
      </section>
    </>
  );
}
