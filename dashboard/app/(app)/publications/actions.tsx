"use client";

// What can be done with one publication, for the roles that may: approve, schedule for later,
// cancel, retry. Every refusal of the API is shown in words.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";

type Publication = Schemas["PublicationOut"];

const CANCELLABLE = new Set(["draft", "awaiting_approval", "scheduled", "queued", "failed"]);

/** The value of a datetime-local input for an ISO time, in the browser's time zone. */
export function localInputValue(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : new Date(Date.now() + 60 * 60 * 1000);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export const scheduleForm = z.object({
  when: z
    .string()
    .min(1, "Pick a date and time.")
    .refine((value) => !Number.isNaN(new Date(value).getTime()), "Pick a valid date and time.")
    .refine((value) => new Date(value).getTime() > Date.now(), "Pick a time in the future."),
});

function ScheduleDialog({ publication, open, onOpenChange }: { publication: Publication; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [when, setWhen] = useState(() => localInputValue(publication.publish_at));
  const [invalid, setInvalid] = useState<string | undefined>();
  const schedule = useMutation({
    mutationFn: async (publishAt: string | null) =>
      unwrap(
        await api.POST("/v1/publications/{publication_id}/schedule", {
          params: { path: { publication_id: publication.id } },
          body: { publish_at: publishAt },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(["publication", publication.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["publications"] });
      void queryClient.invalidateQueries({ queryKey: ["publication", publication.id] });
      onOpenChange(false);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = scheduleForm.safeParse({ when });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message);
      return;
    }
    setInvalid(undefined);
    schedule.mutate(new Date(parsed.data.when).toISOString());
  };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Schedule for later"
      description={
        publication.state === "scheduled"
          ? "The approved post goes out at the new time."
          : "The post goes out at this time once it is approved."
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <Field id="publish-at" label={`Publish at (${zone})`} error={invalid}>
          <Input
            id="publish-at"
            type="datetime-local"
            value={when}
            onChange={(event) => setWhen(event.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? "publish-at-error" : undefined}
          />
        </Field>
        {schedule.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {describe(schedule.error)}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" disabled={schedule.isPending} onClick={() => schedule.mutate(null)}>
            {publication.state === "scheduled" ? "Send now instead" : "As soon as approved"}
          </Button>
          <Button type="submit" disabled={schedule.isPending}>
            {schedule.isPending ? "Saving…" : "Save time"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

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
