"use client";

// Every publication of the workspace, newest first, filtered by state and platform; the event
// stream keeps the states live (query key ["publications", …]).
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { timeAgo } from "@/lib/utils";
import { platformName } from "../accounts/quota";

type State = Schemas["PublicationOut"]["state"];
type Platform = "instagram" | "tiktok" | "youtube";

const STATES: State[] = ["draft", "awaiting_approval", "scheduled", "queued", "uploading", "processing", "published", "failed", "cancelled"];
const PLATFORMS: Platform[] = ["instagram", "tiktok", "youtube"];

function Select<T extends string>({ id, label, value, options, onChange, words }: {
  id: string;
  label: string;
  value: T | "";
  options: T[];
  onChange: (value: T | "") => void;
  words: (value: T) => string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as T | "")}
        className="h-10 rounded-md border border-slate-300 bg-white px-2 text-sm"
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {words(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function PublicationsPage() {
  const [state, setState] = useState<State | "">("");
  const [platform, setPlatform] = useState<Platform | "">("");
  const filters = { state: state || undefined, platform: platform || undefined };
  const publications = useInfiniteQuery({
    queryKey: ["publications", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/v1/publications", {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : { include_total: true }) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = publications.data?.pages.flatMap((page) => page.items) ?? [];
  const total = publications.data?.pages[0]?.total;

  return (
    <>
      <PageHeader title="Publications" description="Every post sent or waiting to be sent, with its state." />
      <div className="mb-4 flex flex-wrap items-end gap-4" role="search" aria-label="Filter publications">
        <Select id="filter-state" label="State" value={state} options={STATES} onChange={setState} words={(s) => s.replaceAll("_", " ")} />
        <Select id="filter-platform" label="Platform" value={platform} options={PLATFORMS} onChange={setPlatform} words={platformName} />
        {total != null ? <p className="pb-2 text-sm text-slate-600">{total} in all</p> : null}
      </div>
      {publications.isPending ? (
        <Loading />
      ) : publications.isError ? (
        <ErrorState error={publications.error} retry={() => void publications.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={state || platform ? "No publication matches these filters." : "Nothing published yet."}>
          Approve a clip for your connected accounts on the Clips page; its publications show here.
        </Empty>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Publications, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Post</th>
                <th scope="col" className="px-4 py-2 font-medium">Platform</th>
                <th scope="col" className="px-4 py-2 font-medium">State</th>
                <th scope="col" className="px-4 py-2 font-medium">Goes out</th>
                <th scope="col" className="px-4 py-2 font-medium">Last change</th>
                <th scope="col" className="px-4 py-2 font-medium">On the platform</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} className="border-t border-slate-200 align-top">
                  <td className="max-w-xs px-4 py-2">
                    <Link href={`/publications/detail?id=${p.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {p.title || p.caption || "Untitled post"}
                    </Link>
                    {p.error ? <p className="mt-1 text-xs text-red-700">{p.error}</p> : null}
                  </td>
                  <td className="px-4 py-2">
                    {platformName(p.platform)}
                    {p.sandbox ? <span className="ml-1 text-xs text-slate-600">(sandbox)</span> : null}
                  </td>
                  <td className="px-4 py-2">
                    <StateBadge state={p.state} />
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {p.publish_at ? new Date(p.publish_at).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "When approved"}
                  </td>
                  <td className="px-4 py-2 text-slate-700">{timeAgo(p.updated_at)}</td>
                  <td className="px-4 py-2">
                    {p.remote_url ? (
                      <a href={p.remote_url} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                        View post<span className="sr-only"> on {platformName(p.platform)} (opens in a new tab)</span>
                      </a>
                    ) : (
                      <span className="text-slate-600">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {publications.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" disabled={publications.isFetchingNextPage} onClick={() => void publications.fetchNextPage()}>
            {publications.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      {publications.isFetchNextPageError ? <p role="alert" className="mt-2 text-sm text-red-700">{describe(publications.error)}</p> : null}
    </>
  );
}
