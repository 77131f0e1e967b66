"use client";

import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";

// The API's limit (Instagram's); kept here so this page does not load the publish form's rules.
const CAPTION_MAX = 2200;

export function CaptionEditor({ clip, editable }: { clip: Schemas["ClipOut"]; editable: boolean }) {
  const queryClient = useQueryClient();
  const form = useForm<{ caption: string }>({ values: { caption: clip.caption } });
  const caption = useWatch({ control: form.control, name: "caption" }) ?? "";
  const save = useMutation({
    mutationFn: async (text: string) =>
      unwrap(await api.PATCH("/v1/clips/{clip_id}", { params: { path: { clip_id: clip.id } }, body: { caption: text } })),
    onSuccess: async (saved) => {
      queryClient.setQueryData<Schemas["ClipDetail"]>(["clip", clip.id], (old) => (old ? { ...old, caption: saved.caption } : old));
      await queryClient.invalidateQueries({ queryKey: ["clips"] });
      form.reset({ caption: saved.caption });
    },
  });
  const error = form.formState.errors.caption?.message;
  return (
    <Card>
      <CardTitle>Caption</CardTitle>
      {editable ? (
        <form className="mt-2 flex flex-col gap-2" onSubmit={form.handleSubmit((values) => save.mutate(values.caption))}>
          <label htmlFor="clip-caption" className="text-sm text-slate-700">
            Written once, offered for every platform ({caption.length.toLocaleString("en")} / {CAPTION_MAX.toLocaleString("en")} characters)
          </label>
          <textarea
            id="clip-caption"
            rows={4}
            className="w-full rounded-md border border-slate-300 p-2 text-sm aria-[invalid=true]:border-red-600"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "clip-caption-error" : undefined}
            {...form.register("caption", {
              maxLength: { value: CAPTION_MAX, message: `A caption holds at most ${CAPTION_MAX.toLocaleString("en")} characters.` },
            })}
          />
          {error ? (
            <p id="clip-caption-error" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          {save.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {describe(save.error)}
            </p>
          ) : null}
          <div className="flex items-center gap-3">
            <Button type="submit" size="sm" disabled={save.isPending || !form.formState.isDirty}>
              {save.isPending ? "Saving…" : "Save caption"}
            </Button>
            {save.isSuccess && !form.formState.isDirty ? (
              <span role="status" className="text-sm text-emerald-800">
                Saved
              </span>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{clip.caption || "No caption yet."}</p>
      )}
    </Card>
  );
}
