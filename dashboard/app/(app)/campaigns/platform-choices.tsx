"use client";

// A campaign's "Platform choices": what TikTok (direct posts) and YouTube require the user to
// choose for each post, made once here for every post the campaign plans. The same fields and
// rules as the publish dialog, checked against what the campaign's accounts offer.
import { zodResolver } from "@hookform/resolvers/zod";
import type { Schemas } from "@stakazo/api-client";
import { useEffect, useRef } from "react";
import { FormProvider, useForm, type Resolver, type UseFormReturn } from "react-hook-form";
import { TikTokChoiceFields, YouTubeChoiceFields, useCreatorInfo } from "@/components/clips/post-choices";
import { choicesSchema, choicesValues, type ChoiceValues, type PublishContext } from "@/components/clips/publish-schema";
import { ErrorState, Loading } from "@/components/ui/states";

type Account = Schemas["AccountOut"];
const ASKING = ["tiktok", "youtube"];

export type PlatformChoicesForm = {
  form: UseFormReturn<ChoiceValues>;
  platforms: string[];
  offered: ReturnType<typeof useCreatorInfo>;
};

/** The choices' form for the campaign's target accounts; `platforms` are those that ask. */
export function usePlatformChoices(kept: Schemas["CampaignOut"]["post_choices"], targets: Account[]): PlatformChoicesForm {
  const platforms = ASKING.filter((platform) => targets.some((a) => a.platform === platform));
  const offered = useCreatorInfo(targets);
  // The rules depend on the targets and their creator info, known after each render.
  const context = useRef<PublishContext>({ platforms: [], tiktok: [] });
  useEffect(() => {
    context.current = { platforms, tiktok: offered.tiktok };
  });
  const resolver: Resolver<ChoiceValues> = (values, ctx, options) =>
    zodResolver(choicesSchema(context.current))(values, ctx, options) as ReturnType<Resolver<ChoiceValues>>;
  const form = useForm<ChoiceValues>({ defaultValues: choicesValues(kept), resolver });
  return { form, platforms, offered };
}

export function PlatformChoices({ choices }: { choices: PlatformChoicesForm }) {
  const { form, platforms, offered } = choices;
  return (
    <section aria-labelledby="platform-choices" className="flex flex-col gap-3">
      <h3 id="platform-choices" className="text-sm font-medium text-slate-800">
        Platform choices
      </h3>
      {platforms.length === 0 ? (
        <p className="text-sm text-slate-600">None needed: TikTok and YouTube targets ask for them here.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {platforms.length === 2 ? "TikTok and YouTube require" : platforms[0] === "tiktok" ? "TikTok requires" : "YouTube requires"} your own
            choices for each post; these apply to every post of this campaign there.
          </p>
          {offered.loading ? <Loading label="Asking the platforms what they allow…" /> : null}
          {offered.error ? <ErrorState error={offered.error} /> : null}
          <FormProvider {...form}>
            <div className="grid gap-4 lg:grid-cols-2">
              {platforms.includes("tiktok") && offered.tiktok.length > 0 ? <TikTokChoiceFields creators={offered.tiktok} idPrefix="campaign-" /> : null}
              {platforms.includes("youtube") ? <YouTubeChoiceFields categories={offered.youtube?.categories ?? null} idPrefix="campaign-" /> : null}
            </div>
          </FormProvider>
        </>
      )}
    </section>
  );
}
