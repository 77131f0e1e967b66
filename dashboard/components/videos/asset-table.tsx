"use client";

// Every video of the workspace in one scrolling table: pages come from the server as the reader
// scrolls (cursor pagination) and only the rows in view are in the DOM (virtualised), so a
// workspace with ten thousand videos scrolls as smoothly as one with ten.
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { formatBytes, formatSeconds, timeAgo } from "@/lib/utils";

const DeleteDialog = dynamic(() => import("./delete-dialog"), { ssr: false });

type Asset = Schemas["AssetOut"];
export type AssetState = Schemas["AssetState"];

export const ASSET_STATES: AssetState[] = ["uploaded", "probing", "analyzing", "ready", "rejected", "failed"];
const PROCESSING = new Set<AssetState>(["uploaded", "probing", "analyzing"]);
export const PAGE_SIZE = 100;
const ROW_HEIGHT = 49;

export function useAssetPages(state: AssetState | null) {
  return useInfiniteQuery({
    queryKey: ["assets", { state }],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/v1/assets", {
          // The count is asked for once, with the first page (it costs the server a query).
          params: { query: { limit: PAGE_SIZE, ...(state ? { state } : {}), ...(pageParam ? { cursor: pageParam } : { include_total: true }) } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
    // Until the event stream says so, look again while the newest videos are being processed.
    refetchInterval: (query) => {
      const pages = query.state.data?.pages;
      return pages?.length === 1 && pages[0]?.items.some((a) => PROCESSING.has(a.state)) ? 3000 : false;
    },
  });
}

export function AssetTable({
  state,
  canWrite,
  emptyState,
}: {
  state: AssetState | null;
  canWrite: boolean;
  emptyState: React.ReactNode;
}) {
  const query = useAssetPages(state);
  const [deleting, setDeleting] = useState<Asset | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages[0]?.total ?? rows.length;

  // TanStack Virtual hands back functions that React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Rows to draw before the scroller is measured (its height is at most 70vh).
    initialRect: { width: 0, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (lastIndex >= rows.length - 20 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (query.isPending) return <Loading label="Loading videos…" />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (rows.length === 0) {
    return state ? <Empty title={`No videos are ${state}.`}>Choose another state to see more.</Empty> : <>{emptyState}</>;
  }

  const before = items.length ? items[0]!.start : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {total === 1 ? "1 video" : `${total.toLocaleString("en")} videos`}
        {rows.length < total ? ` · ${rows.length.toLocaleString("en")} loaded, more load as you scroll` : ""}
      </p>
      <div
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Videos, scrollable"
        data-testid="asset-scroller"
        className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
      >
        <table className="w-full table-fixed border-collapse text-sm" aria-rowcount={total + 1}>
          <caption className="sr-only">Videos of this workspace, newest first</caption>
          <thead className="sticky top-0 z-10 bg-slate-50 text-left text-slate-700">
            <tr aria-rowindex={1}>
              <th scope="col" className="w-[34%] px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">State</th>
              <th scope="col" className="px-4 py-3 font-medium">Duration</th>
              <th scope="col" className="px-4 py-3 font-medium">Size</th>
              <th scope="col" className="px-4 py-3 font-medium">Uploaded</th>
              <th scope="col" className="w-28 px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {before > 0 ? (
              <tr aria-hidden>
                <td colSpan={6} style={{ height: before, padding: 0 }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const asset = rows[item.index]!;
              return (
                <tr
                  key={asset.id}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  className="border-t border-slate-100 hover:bg-slate-50"
                  style={{ height: ROW_HEIGHT }}
                >
                  <td className="truncate px-4">
                    <Link href={`/videos/detail?id=${asset.id}`} className="font-medium text-brand-700 hover:underline" title={asset.display_name}>
                      {asset.display_name}
                    </Link>
                  </td>
                  <td className="px-4">
                    <StateBadge state={asset.state} />
                  </td>
                  <td className="px-4 tabular-nums text-slate-700">{formatSeconds(asset.duration_seconds)}</td>
                  <td className="px-4 tabular-nums text-slate-700">{formatBytes(asset.size_bytes)}</td>
                  <td className="px-4 text-slate-700">
                    <time dateTime={asset.created_at} title={new Date(asset.created_at).toLocaleString("en")}>
                      {timeAgo(asset.created_at)}
                    </time>
                  </td>
                  <td className="px-4 text-right">
                    {canWrite ? (
                      <Button variant="ghost" size="sm" aria-label={`Delete ${asset.display_name}`} onClick={() => setDeleting(asset)}>
                        <Trash2 className="h-4 w-4" aria-hidden />
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
            {after > 0 ? (
              <tr aria-hidden>
                <td colSpan={6} style={{ height: after, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {isFetchingNextPage ? <Loading label="Loading more videos…" /> : null}
        {!hasNextPage && rows.length > PAGE_SIZE ? (
          <p className="p-3 text-center text-sm text-slate-600">That is every video.</p>
        ) : null}
      </div>
      {deleting ? <DeleteDialog asset={deleting} onClose={() => setDeleting(null)} /> : null}
    </>
  );
}
