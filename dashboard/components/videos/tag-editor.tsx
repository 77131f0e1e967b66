"use client";

// A video's tags: campaigns may take their source videos by tag. Editable by those who may
// change videos; others see the tags only.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";

type Asset = Schemas["AssetOut"];

/** "Launch, spring  launch" → ["launch", "spring"]: lower case, no repeats, as the API keeps them. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,\s]+/)
    .map((tag) => tag.trim().replace(/^#/, "").toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function TagEditor({ asset }: { asset: Asset }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const tags = asset.tags ?? [];
  const [text, setText] = useState(tags.join(", "));
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH("/v1/assets/{asset_id}", {
          params: { path: { asset_id: asset.id } },
          body: { tags: parseTags(text) },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["asset", asset.id], saved);
      setText((saved.tags ?? []).join(", "));
      await queryClient.invalidateQueries({ queryKey: ["assets"] });
    },
  });
  if (!can("assets:write")) {
    return <span>{tags.length ? tags.join(", ") : "none"}</span>;
  }
  const changed = parseTags(text).join(",") !== tags.join(",");
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Input
        aria-label="Tags (separated by commas)"
        className="h-8 max-w-xs"
        placeholder="launch, interviews"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit" size="sm" variant="secondary" disabled={!changed || save.isPending}>
        {save.isPending ? "Saving…" : "Save tags"}
      </Button>
      {save.isError ? (
        <span role="alert" className="text-sm text-red-700">
          {describe(save.error)}
        </span>
      ) : null}
    </form>
  );
}
