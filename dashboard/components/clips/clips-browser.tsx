"use client";

// The clip grid: filters kept in the address (so a video's page can link to its clips), pages
// loaded one after another with the cursor.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { ClipCard } from "./clip-card";

const STATUSES = ["candidate", "approved", "rejected"] as const;
const PLATFORMS = ["instagram", "tiktok", "youtube"] as const;
const SORTS = {
  "-score": "Best score first",
  score: "Lowest score first",
  start: "Earliest in the video",
  "-start": "Latest in the video",
  "-created_at": "Newest first",
  created_at: "Oldest first",
} as const;

type Status = (typeof STATUSES)[number];
type Platform = (typeof PLATFORMS)[number];
type Sort = keyof typeof SORTS;

export type ClipFilters = { asset_id?: string; status?: Status; platform?: Platform; min_score?: number; sort: Sort };

export function filtersFrom(params: URLSearchParams): ClipFilters {
  const status = params.get("status");
  const platform = params.get("platform");
  const sort = params.get("sort");
  const min = params.get("min_score");
  const minScore = min === null || min === "" ? undefined : Number(min);
  return {
    asset_id: params.get("asset_id") || undefined,
    status: STATUSES.includes(status as Status) ? (status as Status) : undefined,
    platform: PLATFORMS.includes(platform as Platform) ? (platform as Platform) : undefined,
    min_score: minScore !== undefined && Number.isFinite(minScore) ? minScore : undefined,
    sort: sort && sort in SORTS ? (sort as Sort) : "-score",
  };
}

const control = "h-10 rounded-md border border-slate-300 bg-white px-3 text-sm";

export function ClipsBrowser() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = filtersFrom(new URLSearchParams(params.toString()));

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const assets = useQuery({
    queryKey: ["assets", { limit: 200, purpose: "clip-filter" }],
    queryFn: async () => unwrap(await api.GET("/v1/assets", { params: { query: { limit: 200 } } })),
  });

  const clips = useInfiniteQuery({
    queryKey: ["clips", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/v1/clips", {
          params: { query: { ...filters, limit: 24, ...(pageParam ? { cursor: pageParam } : { include_total: true }) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const items = clips.data?.pages.flatMap((page) => page.items) ?? [];
  const total = clips.data?.pages[0]?.total;

  return (
    <>
      <PageHeader title="Clips" description="The best moments found in your videos. Hover or focus a clip to play it." />
      <form aria-label="Filter clips" className="mb-6 flex flex-wrap items-end gap-3" onSubmit={(event) => event.preventDefault()}>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Video
          <select className={`${control} max-w-64`} value={filters.asset_id ?? ""} onChange={(e) => set("asset_id", e.target.value)}>
            <option value="">All videos</option>
            {assets.data?.items.map((asset) => (
              <option key={asset.id} value={asset.id}>
                {asset.display_name}
              </option>
            ))}
            {filters.asset_id && assets.data && !assets.data.items.some((a) => a.id === filters.asset_id) ? (
              <option value={filters.asset_id}>This video</option>
            ) : null}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Status
          <select className={control} value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.charAt(0).toUpperCase() + status.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Platform
          <select className={control} value={filters.platform ?? ""} onChange={(e) => set("platform", e.target.value)}>
            <option value="">Best of all</option>
            <option value="tiktok">TikTok</option>
            <option value="instagram">Instagram</option>
            <option value="youtube">YouTube</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Minimum score
          <input
            type="number"
            step="0.05"
            min={-10}
            max={10}
            className={`${control} w-28`}
            defaultValue={filters.min_score ?? ""}
            onBlur={(e) => set("min_score", e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") set("min_score", e.currentTarget.value);
            }}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Sort
          <select className={control} value={filters.sort} onChange={(e) => set("sort", e.target.value)}>
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>

      {clips.isPending ? (
        <Loading label="Loading clips…" />
      ) : clips.isError && items.length === 0 ? (
        <ErrorState error={clips.error} retry={() => void clips.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No clips match">
          Clips appear here once a video is analysed. Upload one on the <a className="font-medium text-brand-700 underline" href="/videos">Videos</a> page, or loosen the filters.
        </Empty>
      ) : (
        <section aria-label="Clip results">
          <p className="mb-3 text-sm text-slate-600" aria-live="polite">
            Showing {items.length} of {total ?? items.length} clips
          </p>
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
            {items.map((clip) => (
              <li key={clip.id}>
                <ClipCard clip={clip} />
              </li>
            ))}
          </ul>
          {clips.isFetchNextPageError ? <ErrorState error={clips.error} retry={() => void clips.fetchNextPage()} /> : null}
          {clips.hasNextPage ? (
            <div className="mt-6 flex justify-center">
              <Button variant="secondary" onClick={() => void clips.fetchNextPage()} disabled={clips.isFetchingNextPage}>
                {clips.isFetchingNextPage ? "Loading…" : "Load more clips"}
              </Button>
            </div>
          ) : null}
        </section>
      )}
    </>
  );
}
