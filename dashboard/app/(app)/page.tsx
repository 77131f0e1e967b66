"use client";

import type { Schemas } from "@stakazo/api-client";
import { useQuery } from "@tanstack/react-query";
import { Activity, Clapperboard, Film, Send, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
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

function Feed({ events }: { events: StreamEvent[] }) {
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
        <li key={event.id} className="flex items-baseline justify-between gap-4 py-2 text-sm">
          <span className="text-slate-800">{describeEvent(event)}</span>
          <time dateTime={event.at} className="shrink-0 text-xs text-slate-600" title={new Date(event.at).toLocaleString()}>
            {timeAgo(event.at)}
          </time>
        </li>
      ))}
    </ol>
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
      <section aria-labelledby="feed-heading">
        <Card>
          <CardTitle id="feed-heading" className="mb-2">
            Recent events
          </CardTitle>
          <Feed events={events} />
        </Card>
      </section>
      {overview.data && overview.data.assets.total === 0 && can("assets:write") ? (
        <p className="mt-6 text-sm text-slate-600">
          Start by{" "}
          <Link href="/videos" className="font-medium text-brand-700 underline underline-offset-2">
            uploading a video
          </Link>
          : Stakazo finds its best moments and turns them into clips.
        </p>
      ) : null}
    </>
  );
}
