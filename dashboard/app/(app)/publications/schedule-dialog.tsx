"use client";

// Schedule for later: a date-time in the browser's time zone, checked, then sent as UTC.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import * as z from "zod/mini";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";

type Publication = Schemas["PublicationOut"];

/** The value of a datetime-local input for an ISO time, in the browser's time zone. */
export function localInputValue(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : new Date(Date.now() + 60 * 60 * 1000);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

// zod/mini: the same checks, a fraction of the JavaScript.
export const scheduleForm = z.object({
  when: z.string().check(
    z.minLength(1, "Pick a date and time."),
    z.refine((value) => !Number.isNaN(new Date(value).getTime()), "Pick a valid date and time."),
    z.refine((value) => new Date(value).getTime() > Date.now(), "Pick a time in the future."),
  ),
});

export function ScheduleDialog({ publication, open, onOpenChange }: { publication: Publication; open: boolean; onOpenChange: (open: boolean) => void }) {
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
