"use client";

// The per-post choices TikTok direct posts and YouTube uploads require, as form fields shared by
// the publish dialog (one clip) and the campaign editor (every post of a campaign). They read and
// write the surrounding react-hook-form through its context (`tiktok.*`, `youtube.*`).
import type { Schemas } from "@stakazo/api-client";
import { useQueries } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { PRIVACY_LABELS, commonPrivacyLevels, type ChoiceValues, type TikTokCreator } from "./publish-schema";

type Account = Schemas["AccountOut"];
type Category = { id: string; title: string };

export const checkbox = "h-4 w-4 rounded border-slate-400 accent-brand-600";
export const select = "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";

export function described(name: string, error?: { message?: string }) {
  return error?.message ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}

/** What the TikTok and YouTube accounts among `accounts` offer, asked from the API. */
export function useCreatorInfo(accounts: Account[]) {
  const tiktokAccounts = accounts.filter((a) => a.platform === "tiktok");
  const youtubeAccount = accounts.find((a) => a.platform === "youtube");
  const creators = useQueries({
    queries: [...tiktokAccounts, ...(youtubeAccount ? [youtubeAccount] : [])].map((account) => ({
      queryKey: ["accounts", account.id, "creator-info"],
      queryFn: async () =>
        unwrap(await api.GET("/v1/accounts/{account_id}/creator-info", { params: { path: { account_id: account.id } } })),
      staleTime: 60_000,
    })),
  });
  return {
    tiktok: creators.flatMap((q) => (q.data?.tiktok ? [q.data.tiktok] : [])) as TikTokCreator[],
    youtube: creators.find((q) => q.data?.youtube)?.data?.youtube ?? null,
    error: creators.find((q) => q.isError)?.error,
    loading: creators.some((q) => q.isPending),
  };
}

export function TikTokChoiceFields({ creators, idPrefix = "" }: { creators: TikTokCreator[]; idPrefix?: string }) {
  const { register, control, formState } = useFormContext<ChoiceValues>();
  const errors = formState.errors.tiktok;
  const disclose = useWatch({ control, name: "tiktok.disclose" });
  const levels = commonPrivacyLevels(creators);
  const off = {
    comment: creators.some((c) => c.comment_disabled),
    duet: creators.some((c) => c.duet_disabled),
    stitch: creators.some((c) => c.stitch_disabled),
  };
  const privacyId = `${idPrefix}tiktok-privacy`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">TikTok</legend>
      <Field id={privacyId} label="Who can watch this video" error={errors?.privacy_level?.message}>
        <select id={privacyId} className={select} {...described(privacyId, errors?.privacy_level)} {...register("tiktok.privacy_level")}>
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
          {errors?.disclose ? <p className="text-sm text-red-700">{errors.disclose.message}</p> : null}
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
  );
}

/** YouTube's audience declaration, category and tags; `children` come first (the dialog's title). */
export function YouTubeChoiceFields({ categories, idPrefix = "", children }: { categories: Category[] | null; idPrefix?: string; children?: ReactNode }) {
  const { register, formState } = useFormContext<ChoiceValues>();
  const errors = formState.errors.youtube;
  const kidsError = `${idPrefix}made-for-kids-error`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">YouTube</legend>
      {children}
      <fieldset aria-describedby={errors?.made_for_kids ? kidsError : undefined}>
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
        {errors?.made_for_kids ? (
          <p id={kidsError} className="text-sm text-red-700">
            {errors.made_for_kids.message}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${idPrefix}youtube-category`} label="Category">
        <select id={`${idPrefix}youtube-category`} className={select} {...register("youtube.category_id")}>
          {(categories ?? [{ id: "22", title: "People & Blogs" }]).map((category) => (
            <option key={category.id} value={category.id}>
              {category.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${idPrefix}youtube-tags`} label="Tags (separated by commas)" error={errors?.tags?.message}>
        <Input id={`${idPrefix}youtube-tags`} {...register("youtube.tags")} />
      </Field>
    </fieldset>
  );
}
