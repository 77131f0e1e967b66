"use client";

import { useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useCallback, useState } from "react";
import { AssetTable, ASSET_STATES, type AssetState } from "@/components/videos/asset-table";
import { Empty, Loading } from "@/components/ui/states";
import { PageHeader } from "@/components/ui/page-header";
import { useSession } from "@/lib/session";

// The uploader (tus-js-client) loads after the page, and only for those who may upload.
const UploadPanel = dynamic(() => import("@/components/videos/upload-panel").then((m) => m.UploadPanel), {
  ssr: false,
  loading: () => <Loading label="Preparing the upload area…" />,
});

export default function VideosPage() {
  const { workspace, can } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<AssetState | null>(null);
  const canWrite = can("assets:write");

  const uploaded = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ["assets"] });
  }, [queryClient]);

  return (
    <>
      <PageHeader
        title="Videos"
        description={canWrite ? "Upload long videos; Stakazo finds the clips worth posting." : "The videos of this workspace."}
      />
      {canWrite ? <UploadPanel workspaceId={workspace.workspace_id} onUploaded={uploaded} /> : null}
      <section aria-labelledby="videos-list">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="videos-list" className="text-lg font-semibold text-slate-900">
            All videos
          </h2>
          <div className="flex items-center gap-2">
            <label htmlFor="state-filter" className="text-sm font-medium text-slate-800">
              State
            </label>
            <select
              id="state-filter"
              value={state ?? ""}
              onChange={(event) => setState((event.target.value || null) as AssetState | null)}
              className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
            >
              <option value="">Any state</option>
              {ASSET_STATES.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        </div>
        <AssetTable
          state={state}
          canWrite={canWrite}
          emptyState={
            <Empty title="No videos yet.">
              {canWrite
                ? "Drop your first video in the box above: a talk, a podcast, a webinar. Stakazo cuts it into short clips."
                : "An editor of this workspace uploads them; they will show here."}
            </Empty>
          }
        />
      </section>
    </>
  );
}
