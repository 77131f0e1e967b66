"use client";

// Approve a clip for publishing: the accounts, the caption, each platform's required choices
// (TikTok from the account's creator info, YouTube's audience declaration), now or later.
import { zodResolver } from "@hookform/resolvers/zod";
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { platformName } from "./contributions";
import {
  CAPTION_MAX,
  PRIVACY_LABELS,
  commonPrivacyLevels,
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

const checkbox = "h-4 w-4 rounded border-slate-400 accent-brand-600";
const select = "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";

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
  const disclose = useWatch({ control, name: "tiktok.disclose" });
  const caption = useWatch({ control, name: "caption" });
  const selected = useMemo(() => accounts.filter((a) => chosen.includes(a.id)), [accounts, chosen]);
  const platforms = [...new Set(selected.map((a) => a.platform))];
  const tiktokAccounts = selected.filter((a) => a.platform === "tiktok");
  const youtubeAccount = selected.find((a) => a.platform === "youtube");

  const creators = useQueries({
    queries: [...tiktokAccounts, ...(youtubeAccount ? [youtubeAccount] : [])].map((account) => ({
      queryKey: ["accounts", account.id, "creator-info"],
      queryFn: async () =>
        unwrap(await api.GET("/v1/accounts/{account_id}/creator-info", { params: { path: { account_id: account.id } } })),
      staleTime: 60_000,
    })),
  });
  const tiktokInfo = creators.flatMap((q) => (q.data?.tiktok ? [q.data.tiktok] : []));
  const youtubeInfo = creators.find((q) => q.data?.youtube)?.data?.youtube ?? null;
  const creatorError = creators.find((q) => q.isError)?.error;
  const creatorsLoading = creators.some((q) => q.isPending);
  useEffect(() => {
    context.current = { platforms, tiktok: tiktokInfo };
  });
  const levels = commonPrivacyLevels(tiktokInfo);
  const off = {
    comment: tiktokInfo.some((c) => c.comment_disabled),
    duet: tiktokInfo.some((c) => c.duet_disabled),
    stitch: tiktokInfo.some((c) => c.stitch_disabled),
  };

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

  const described = (name: string, error?: { message?: string }) =>
    error?.message ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};

  return (
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

      {creatorsLoading ? <Loading label="Asking the platforms what they allow…" /> : null}
      {creatorError ? <ErrorState error={creatorError} /> : null}

      {platforms.includes("tiktok") && tiktokInfo.length > 0 ? (
        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">TikTok</legend>
          <Field id="tiktok-privacy" label="Who can watch this video" error={errors.tiktok?.privacy_level?.message}>
            <select id="tiktok-privacy" className={select} {...described("tiktok-privacy", errors.tiktok?.privacy_level)} {...register("tiktok.privacy_level")}>
              <option value="">Choose…</option>
              {levels.map((level) => (
                <option key={level} value={level}>
                  {PRIVACY_LABELS[level] ?? level}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex flex-wrap gap-4 text-sm text-slate-800">
            {(
              [
                ["allow_comment", "Allow comments", off.comment],
                ["allow_duet", "Allow duets", off.duet],
                ["allow_stitch", "Allow stitches", off.stitch],
              ] as const
            ).map(([name, label, disabled]) => (
              <label key={name} className="flex items-center gap-2">
                <input type="checkbox" className={checkbox} disabled={disabled} {...register(`tiktok.${name}`)} />
                {label}
                {disabled ? <span className="text-xs text-slate-600">(turned off by the creator)</span> : null}
              </label>
            ))}
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className={checkbox} {...register("tiktok.disclose")} />
            Disclose commercial content
          </label>
          {disclose ? (
            <div className="ml-6 flex flex-col gap-2 text-sm text-slate-800">
              <label className="flex items-center gap-2">
                <input type="checkbox" className={checkbox} {...register("tiktok.your_brand")} />
                Your brand (promotes your own business)
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" className={checkbox} {...register("tiktok.branded_content")} />
                Branded content (a paid partnership)
              </label>
              {errors.tiktok?.disclose ? <p className="text-sm text-red-700">{errors.tiktok.disclose.message}</p> : null}
            </div>
          ) : null}
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className={checkbox} {...register("tiktok.is_aigc")} />
            Label as AI-generated
          </label>
          <p className="text-xs text-slate-600">
            By posting, you agree to TikTok&apos;s Music Usage Confirmation
            {disclose ? " and Branded Content Policy" : ""}.
          </p>
        </fieldset>
      ) : null}

      {platforms.includes("youtube") ? (
        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">YouTube</legend>
          <Field id="youtube-title" label="Title" error={errors.title?.message}>
            <Input id="youtube-title" maxLength={100} placeholder="The caption's first line if left empty" {...described("youtube-title", errors.title)} {...register("title")} />
          </Field>
          <fieldset aria-describedby={errors.youtube?.made_for_kids ? "made-for-kids-error" : undefined}>
            <legend className="text-sm font-medium text-slate-800">Is this video made for kids?</legend>
            <div className="mt-1 flex gap-4 text-sm text-slate-800">
              <label className="flex items-center gap-2">
                <input type="radio" value="yes" className={checkbox} {...register("youtube.made_for_kids")} />
                Yes, it is made for kids
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" value="no" className={checkbox} {...register("youtube.made_for_kids")} />
                No, it is not made for kids
              </label>
            </div>
            {errors.youtube?.made_for_kids ? (
              <p id="made-for-kids-error" className="text-sm text-red-700">
                {errors.youtube.made_for_kids.message}
              </p>
            ) : null}
          </fieldset>
          <Field id="youtube-category" label="Category">
            <select id="youtube-category" className={select} {...register("youtube.category_id")}>
              {(youtubeInfo?.categories ?? [{ id: "22", title: "People & Blogs" }]).map((category) => (
                <option key={category.id} value={category.id}>
                  {category.title}
                </option>
              ))}
            </select>
          </Field>
          <Field id="youtube-tags" label="Tags (separated by commas)" error={errors.youtube?.tags?.message}>
            <Input id="youtube-tags" {...register("youtube.tags")} />
          </Field>
        </fieldset>
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
        <Button type="submit" disabled={publish.isPending || creatorsLoading}>
          {publish.isPending ? "Publishing…" : when === "later" ? "Approve and schedule" : "Approve and publish"}
        </Button>
      </div>
    </form>
  );
}
