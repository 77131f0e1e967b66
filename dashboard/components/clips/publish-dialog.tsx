"use client";

// Approve a clip for publishing: the accounts, the caption, each platform's required choices
// (TikTok from the account's creator info, YouTube's audience declaration), now or later.
import { zodResolver } from "@hookform/resolvers/zod";
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { platformName } from "./contributions";
import { TikTokChoiceFields, YouTubeChoiceFields, checkbox, described, select, useCreatorInfo } from "./post-choices";
import {
  CAPTION_MAX,
  defaultValues,
  publishRequest,
  publishSchema,
  type PublishValues,
  type TikTokCreator,
} from "./publish-schema";
import { useConnectedAccounts } from "@/lib/accounts";

export { useConnectedAccounts };

type Account = Schemas["AccountOut"];
type Clip = Schemas["ClipOut"];

export function PublishDialog({
  clip,
  open,
  onOpenChange,
  onPublished,
}: {
  clip: Clip;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPublished?: (publications: Schemas["PublicationOut"][]) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Approve and publish"
      description="Choose where this clip goes and what each platform needs to know."
    >
      {open ? <PublishForm clip={clip} onDone={(items) => { onPublished?.(items); onOpenChange(false); }} /> : null}
    </Dialog>
  );
}

export function PublishForm({ clip, onDone }: { clip: Clip; onDone: (items: Schemas["PublicationOut"][]) => void }) {
  const accounts = useConnectedAccounts();
  if (accounts.isPending) return <Loading label="Loading accounts…" />;
  if (accounts.isError) return <ErrorState error={accounts.error} retry={() => void accounts.refetch()} />;
  const usable = accounts.data.items.filter((a) => a.status === "connected");
  if (usable.length === 0)
    return (
      <p className="text-sm text-slate-700">
        No connected account yet. Connect Instagram, TikTok or YouTube on the{" "}
        <a className="font-medium text-brand-700 underline" href="/accounts">
          Accounts
        </a>{" "}
        page first.
      </p>
    );
  return <Form clip={clip} accounts={usable} onDone={onDone} />;
}

function Form({ clip, accounts, onDone }: { clip: Clip; accounts: Account[]; onDone: (items: Schemas["PublicationOut"][]) => void }) {
  const queryClient = useQueryClient();
  // The rules depend on the accounts chosen and their creator info, known after each render.
  const context = useRef<{ platforms: string[]; tiktok: TikTokCreator[] }>({ platforms: [], tiktok: [] });
  const resolver: Resolver<PublishValues> = (values, ctx, options) =>
    zodResolver(publishSchema(context.current))(values, ctx, options) as ReturnType<Resolver<PublishValues>>;
  const form = useForm<PublishValues>({ defaultValues: defaultValues(clip.caption ?? ""), resolver });
  const { register, handleSubmit, control, formState } = form;
  const errors = formState.errors;
  const chosen = useWatch({ control, name: "account_ids" });
  const when = useWatch({ control, name: "when" });
  const caption = useWatch({ control, name: "caption" });
  const selected = useMemo(() => accounts.filter((a) => chosen.includes(a.id)), [accounts, chosen]);
  const platforms = [...new Set(selected.map((a) => a.platform))];
  const offered = useCreatorInfo(selected);
  const tiktokInfo = offered.tiktok;
  useEffect(() => {
    context.current = { platforms, tiktok: tiktokInfo };
  });

  const [failure, setFailure] = useState<unknown>(null);
  const publish = useMutation({
    mutationFn: async (values: PublishValues) =>
      unwrap(await api.POST("/v1/confirm_publish", { body: { create: publishRequest(clip.id, values, platforms) } })),
    onSuccess: async (batch) => {
      await queryClient.invalidateQueries({ queryKey: ["publications"] });
      onDone(batch.items);
    },
    onError: setFailure,
  });

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label="Publish settings"
        className="flex max-h-[70vh] flex-col gap-4 overflow-y-auto pr-1"
        onSubmit={handleSubmit((values) => {
          setFailure(null);
          publish.mutate(values);
        })}
      >
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.account_ids ? "account_ids-error" : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">Accounts</legend>
          {accounts.map((account) => (
            <label key={account.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" value={account.id} className={checkbox} {...register("account_ids")} />
              {platformName(account.platform)} · @{account.username}
              {account.sandbox ? <span className="text-xs text-slate-600">(sandbox)</span> : null}
            </label>
          ))}
          {errors.account_ids ? (
            <p id="account_ids-error" className="text-sm text-red-700">
              {errors.account_ids.message}
            </p>
          ) : null}
        </fieldset>

        <Field id="publish-caption" label={`Caption (${caption.length.toLocaleString("en")} / ${CAPTION_MAX.toLocaleString("en")})`} error={errors.caption?.message}>
          <textarea id="publish-caption" rows={4} className="w-full rounded-md border border-slate-300 p-2 text-sm" {...described("publish-caption", errors.caption)} {...register("caption")} />
        </Field>

        {platforms.includes("youtube") || platforms.includes("instagram") ? (
          <Field id="publish-privacy" label="Visibility on Instagram and YouTube">
            <select id="publish-privacy" className={select} {...register("privacy")}>
              <option value="public">Public</option>
              <option value="unlisted">Unlisted (YouTube)</option>
              <option value="private">Private (YouTube)</option>
            </select>
          </Field>
        ) : null}

        {offered.loading ? <Loading label="Asking the platforms what they allow…" /> : null}
        {offered.error ? <ErrorState error={offered.error} /> : null}

        {platforms.includes("tiktok") && tiktokInfo.length > 0 ? <TikTokChoiceFields creators={tiktokInfo} /> : null}

        {platforms.includes("youtube") ? (
          <YouTubeChoiceFields categories={offered.youtube?.categories ?? null}>
            <Field id="youtube-title" label="Title" error={errors.title?.message}>
              <Input id="youtube-title" maxLength={100} placeholder="The caption's first line if left empty" {...described("youtube-title", errors.title)} {...register("title")} />
            </Field>
          </YouTubeChoiceFields>
        ) : null}

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">When</legend>
          <div className="flex gap-4 text-sm text-slate-800">
            <label className="flex items-center gap-2">
              <input type="radio" value="now" className={checkbox} {...register("when")} />
              Now
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" value="later" className={checkbox} {...register("when")} />
              Schedule for later
            </label>
          </div>
          {when === "later" ? (
            <Field id="publish-at" label="Publish at (your local time)" error={errors.publish_at?.message}>
              <Input id="publish-at" type="datetime-local" {...described("publish-at", errors.publish_at)} {...register("publish_at")} />
            </Field>
          ) : null}
        </fieldset>

        {failure ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            {describe(failure)}
          </p>
        ) : null}
        <div className="sticky bottom-0 flex justify-end gap-2 bg-white pt-2">
          <Button type="submit" disabled={publish.isPending || offered.loading}>
            {publish.isPending ? "Publishing…" : when === "later" ? "Approve and schedule" : "Approve and publish"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
