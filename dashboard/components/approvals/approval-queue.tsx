"use client";

// Publications waiting for approval, oldest request last (the API's order: newest first). Each
// shows its clip, account, time, caption and who approved so far (a campaign may need several
// people). Approve or reject with a reason; roles that cannot are told why.
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { platformName } from "@/components/clips/contributions";
import { useConnectedAccounts } from "@/lib/accounts";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";

type Publication = Schemas["PublicationOut"];
const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** "1 of 2 approvals (Ana)", in words. */
export function approvalWords(publication: Publication): string {
  const names = (publication.approvers ?? []).map((a) => a.name).join(", ");
  const required = publication.approvals_required;
  const counted = `${publication.approvals} of ${required} approval${required === 1 ? "" : "s"}`;
  return names ? `${counted} (${names})` : counted;
}

function Cover({ clipId }: { clipId: string }) {
  const clip = useQuery({
    queryKey: ["clip", clipId],
    queryFn: async () => unwrap(await api.GET("/v1/clips/{clip_id}", { params: { path: { clip_id: clipId } } })),
  });
  const cover = clip.data?.cover_url;
  return cover ? (
    // eslint-disable-next-line @next/next/no-img-element -- a signed media link, not a static asset
    <img src={cover} alt={`Cover of ${clip.data?.asset_name || "the clip"}`} className="h-24 w-14 rounded object-cover" />
  ) : (
    <div className="flex h-24 w-14 items-center justify-center rounded bg-slate-100 text-[10px] text-slate-700">No cover yet</div>
  );
}

function QueueRow({ publication, account }: { publication: Publication; account: string }) {
  const { can, me } = useSession();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const settle = () => void client.invalidateQueries({ queryKey: ["publications"] });
  const path = { params: { path: { publication_id: publication.id } } };
  const approve = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/confirm_publish", { body: { publication_ids: [publication.id] } })),
    onSuccess: settle,
  });
  const reject = useMutation({
    mutationFn: async (why: string) => unwrap(await api.POST("/v1/publications/{publication_id}/reject", { ...path, body: { reason: why } })),
    onSuccess: settle,
  });
  const mayDecide = can("campaigns:publish");
  const approvedByMe = (publication.approvers ?? []).some((a) => a.user_id === me?.user.id);
  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) reject.mutate(reason.trim());
  };
  const failure = approve.error ?? reject.error;
  return (
    <li className="flex gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <Cover clipId={publication.clip_id} />
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <p className="font-medium text-slate-900">{publication.title || publication.caption || "Untitled post"}</p>
        <p className="text-slate-700">
          {account} · {publication.publish_at ? when.format(new Date(publication.publish_at)) : "As soon as approved"}
        </p>
        {publication.caption ? <p className="line-clamp-2 text-slate-600">{publication.caption}</p> : null}
        <p className="text-slate-700">{approvalWords(publication)}</p>
        {mayDecide ? (
          <div className="mt-1 flex flex-wrap gap-2">
            <Button size="sm" disabled={approvedByMe || approve.isPending} onClick={() => approve.mutate()}
              title={approvedByMe ? "You have approved it; it waits for someone else" : undefined}>
              {approvedByMe ? "You approved" : approve.isPending ? "Approving…" : "Approve"}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setRejecting((open) => !open)}>
              Reject…
            </Button>
          </div>
        ) : (
          <p className="text-slate-600">Approving and rejecting need the &lsquo;campaigns:publish&rsquo; permission, which admins have; your role can follow the queue.</p>
        )}
        {rejecting && mayDecide ? (
          <form onSubmit={submitReject} className="mt-2 flex flex-col gap-2">
            <label htmlFor={`reason-${publication.id}`} className="font-medium text-slate-800">Why is it rejected?</label>
            <textarea id={`reason-${publication.id}`} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000}
              className="min-h-16 rounded-md border border-slate-300 p-2" />
            <div>
              <Button type="submit" size="sm" variant="danger" disabled={!reason.trim() || reject.isPending}>
                {reject.isPending ? "Rejecting…" : "Reject and cancel it"}
              </Button>
            </div>
          </form>
        ) : null}
        {failure ? <p role="alert" className="text-red-700">{describe(failure)}</p> : null}
      </div>
    </li>
  );
}

export function ApprovalQueue() {
  const accounts = useConnectedAccounts();
  const names = new Map((accounts.data?.items ?? []).map((a) => [a.id, `@${a.username.replace(/^@/, "")} on ${platformName(a.platform)}`]));
  const filters = { state: "awaiting_approval" as const };
  const queue = useInfiniteQuery({
    queryKey: ["publications", "approvals", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/publications", { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader title="Approvals" description="Posts waiting for someone to approve them before they go out." />
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorState error={queue.error} retry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="Nothing waits for approval.">Posts sent for approval, by hand or by a campaign, show here.</Empty>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Awaiting approval">
          {items.map((publication) => (
            <QueueRow key={publication.id} publication={publication} account={names.get(publication.account_id) ?? publication.platform} />
          ))}
        </ul>
      )}
      {queue.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
            {queue.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}
