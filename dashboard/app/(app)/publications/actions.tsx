"use client";

// What can be done with one publication, for the roles that may: approve, schedule for later,
// cancel, retry. Every refusal of the API is shown in words.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";

type Publication = Schemas["PublicationOut"];

// Loaded when first opened: the form and its checks stay out of the page's initial JavaScript.
const ScheduleDialog = dynamic(() => import("./schedule-dialog").then((m) => m.ScheduleDialog), { ssr: false });

const CANCELLABLE = new Set(["draft", "awaiting_approval", "scheduled", "queued", "failed"]);

export function PublicationActions({ publication }: { publication: Publication }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [scheduling, setScheduling] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const settle = (updated?: Publication) => {
    if (updated) queryClient.setQueryData(["publication", publication.id], updated);
    void queryClient.invalidateQueries({ queryKey: ["publications"] });
    void queryClient.invalidateQueries({ queryKey: ["publication", publication.id] });
  };
  const path = { params: { path: { publication_id: publication.id } } };
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/publications/{publication_id}/cancel", path)),
    onSuccess: (updated) => {
      setConfirmCancel(false);
      settle(updated);
    },
  });
  const retry = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/publications/{publication_id}/retry", path)),
    onSuccess: settle,
  });
  const approve = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/confirm_publish", { body: { publication_ids: [publication.id] } })),
    onSuccess: (batch) => settle(batch.items[0]),
  });

  const state = publication.state;
  const notSent = state === "draft" || state === "awaiting_approval" || (state === "scheduled" && !publication.remote_post_id);
  const mayReschedule = state === "scheduled" ? can("campaigns:publish") : can("campaigns:write");
  const failure = cancel.error ?? retry.error ?? approve.error;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {state === "awaiting_approval" || state === "draft" ? (
          <Button size="sm" className="disabled:opacity-50" disabled={!can("campaigns:publish") || approve.isPending} onClick={() => approve.mutate()}
            title={can("campaigns:publish") ? undefined : "Approving needs an admin"}>
            {approve.isPending ? "Approving…" : "Approve"}
          </Button>
        ) : null}
        {notSent ? (
          <Button size="sm" className="disabled:opacity-50" variant="secondary" disabled={!mayReschedule} onClick={() => setScheduling(true)}
            title={mayReschedule ? undefined : "Your role cannot change when this goes out"}>
            Schedule for later
          </Button>
        ) : null}
        {state === "failed" ? (
          <Button size="sm" className="disabled:opacity-50" disabled={!can("campaigns:publish") || retry.isPending} onClick={() => retry.mutate()}
            title={can("campaigns:publish") ? undefined : "Retrying needs an admin"}>
            {retry.isPending ? "Retrying…" : "Retry"}
          </Button>
        ) : null}
        {CANCELLABLE.has(state) && !publication.remote_post_id ? (
          <Button size="sm" className="disabled:opacity-50" variant="ghost" disabled={!can("campaigns:write")} onClick={() => setConfirmCancel(true)}>
            Cancel publication
          </Button>
        ) : null}
      </div>
      {!can("campaigns:write") ? (
        <p className="text-sm text-slate-600">Your role can follow publications; changing them needs an editor or an admin.</p>
      ) : null}
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {describe(failure)}
        </p>
      ) : null}
      {scheduling ? <ScheduleDialog publication={publication} open={scheduling} onOpenChange={setScheduling} /> : null}
      <Dialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this publication?"
        description="It will not be sent. A cancelled publication cannot be resumed; prepare a new one instead."
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
            Keep it
          </Button>
          <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {cancel.isPending ? "Cancelling…" : "Cancel publication"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
