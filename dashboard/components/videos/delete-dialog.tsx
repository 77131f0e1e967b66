"use client";

// Loaded when someone asks to delete: the dialog's code stays out of the videos page's first load.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";

type Asset = Schemas["AssetOut"];

export default DeleteDialog;

function DeleteDialog({ asset, onClose }: { asset: Asset; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE("/v1/assets/{asset_id}", { params: { path: { asset_id: asset.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["asset", asset.id] });
      await queryClient.invalidateQueries({ queryKey: ["assets"] });
      onClose();
    },
  });
  return (
    <Dialog
      open
      onOpenChange={(open) => (!open ? onClose() : undefined)}
      title={`Delete ${asset.display_name}?`}
      description="Its clips, rendered variants, timeline and jobs are deleted too. This cannot be undone."
    >
      {remove.isError ? (
        <p role="alert" className="mb-3 text-sm font-medium text-red-700">
          {describe(remove.error)}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Keep it
        </Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? "Deleting…" : "Delete"}
        </Button>
      </div>
    </Dialog>
  );
}
