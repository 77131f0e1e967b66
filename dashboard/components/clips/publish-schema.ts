// The publish form's rules, per platform, as one zod schema built for the accounts chosen and
// what their creator info allows. The API checks the same rules; this says them before sending.
import type { Schemas } from "@stakazo/api-client";
import { z } from "zod";

export const CAPTION_MAX = 2200;
export const TITLE_MAX = 100;

export const PRIVACY_LABELS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: "Everyone",
  MUTUAL_FOLLOW_FRIENDS: "Friends",
  FOLLOWER_OF_CREATOR: "Followers",
  SELF_ONLY: "Only me",
};

export type TikTokCreator = {
  privacy_level_options: string[];
  comment_disabled: boolean;
  duet_disabled: boolean;
  stitch_disabled: boolean;
};

export type PublishContext = {
  /** Platforms of the accounts chosen. */
  platforms: string[];
  /** TikTok creator info of each chosen TikTok account (all of them must allow the choices). */
  tiktok: TikTokCreator[];
  now?: Date;
};

/** The per-post choices TikTok (direct posts) and YouTube require, as the form holds them. */
export type ChoiceValues = {
  tiktok: {
    privacy_level: string;
    allow_comment: boolean;
    allow_duet: boolean;
    allow_stitch: boolean;
    disclose: boolean;
    your_brand: boolean;
    branded_content: boolean;
    is_aigc: boolean;
  };
  youtube: { made_for_kids: "" | "yes" | "no"; category_id: string; tags: string };
};

export type PublishValues = ChoiceValues & {
  account_ids: string[];
  caption: string;
  title: string;
  privacy: "public" | "private" | "unlisted";
  when: "now" | "later";
  publish_at: string;
};

export function defaultChoices(): ChoiceValues {
  return {
    tiktok: {
      privacy_level: "",
      allow_comment: false,
      allow_duet: false,
      allow_stitch: false,
      disclose: false,
      your_brand: false,
      branded_content: false,
      is_aigc: false,
    },
    youtube: { made_for_kids: "", category_id: "22", tags: "" },
  };
}

export function defaultValues(caption: string): PublishValues {
  return {
    account_ids: [],
    caption,
    title: "",
    privacy: "public",
    when: "now",
    publish_at: "",
    ...defaultChoices(),
  };
}

/** Privacy levels every chosen TikTok account offers. */
export function commonPrivacyLevels(creators: TikTokCreator[]): string[] {
  const [first] = creators;
  if (!first) return [];
  return first.privacy_level_options.filter((level) => creators.every((c) => c.privacy_level_options.includes(level)));
}

const choicesShape = {
  tiktok: z.object({
    privacy_level: z.string(),
    allow_comment: z.boolean(),
    allow_duet: z.boolean(),
    allow_stitch: z.boolean(),
    disclose: z.boolean(),
    your_brand: z.boolean(),
    branded_content: z.boolean(),
    is_aigc: z.boolean(),
  }),
  youtube: z.object({
    made_for_kids: z.enum(["", "yes", "no"]),
    category_id: z.string(),
    tags: z.string(),
  }),
};

type Issue = (path: (string | number)[], message: string) => void;

/** The rules of the platforms' own choices, for the platforms given and their creator info. */
function checkChoices(v: ChoiceValues, context: PublishContext, issue: Issue) {
  const has = (platform: string) => context.platforms.includes(platform);
  const levels = commonPrivacyLevels(context.tiktok);
  const disabled = {
    comment: context.tiktok.some((c) => c.comment_disabled),
    duet: context.tiktok.some((c) => c.duet_disabled),
    stitch: context.tiktok.some((c) => c.stitch_disabled),
  };
  if (has("youtube")) {
    if (v.youtube.made_for_kids === "") issue(["youtube", "made_for_kids"], "Say whether the video is made for kids.");
    if (/[<>]/.test(v.youtube.tags)) issue(["youtube", "tags"], "Tags may not contain < or >.");
  }
  if (has("tiktok")) {
    if (!v.tiktok.privacy_level) issue(["tiktok", "privacy_level"], "Choose who can watch the video on TikTok.");
    else if (context.tiktok.length > 0 && !levels.includes(v.tiktok.privacy_level))
      issue(["tiktok", "privacy_level"], "The TikTok account does not offer this privacy level.");
    if (disabled.comment && v.tiktok.allow_comment) issue(["tiktok", "allow_comment"], "The creator turned off comments in TikTok.");
    if (disabled.duet && v.tiktok.allow_duet) issue(["tiktok", "allow_duet"], "The creator turned off duets in TikTok.");
    if (disabled.stitch && v.tiktok.allow_stitch) issue(["tiktok", "allow_stitch"], "The creator turned off stitches in TikTok.");
    if (v.tiktok.disclose && !v.tiktok.your_brand && !v.tiktok.branded_content)
      issue(["tiktok", "disclose"], "Choose “Your brand”, “Branded content” or both, or turn disclosure off.");
    if (v.tiktok.disclose && v.tiktok.branded_content && v.tiktok.privacy_level === "SELF_ONLY")
      issue(["tiktok", "privacy_level"], "Branded content cannot be private on TikTok.");
  }
}

/** The choices alone (a campaign's, made once for all its posts). */
export function choicesSchema(context: PublishContext) {
  return z.object(choicesShape).superRefine((v, ctx) => {
    checkChoices(v, context, (path, message) => ctx.addIssue({ code: "custom", path, message }));
  });
}

export function publishSchema(context: PublishContext) {
  const has = (platform: string) => context.platforms.includes(platform);
  return z
    .object({
      account_ids: z.array(z.string()).min(1, "Choose at least one account."),
      caption: z.string().max(CAPTION_MAX, `A caption holds at most ${CAPTION_MAX.toLocaleString("en")} characters.`),
      title: z.string().max(TITLE_MAX, `A title holds at most ${TITLE_MAX} characters.`),
      privacy: z.enum(["public", "private", "unlisted"]),
      when: z.enum(["now", "later"]),
      publish_at: z.string(),
      ...choicesShape,
    })
    .superRefine((v, ctx) => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
      if (v.when === "later") {
        const at = v.publish_at ? new Date(v.publish_at) : null;
        if (!at || Number.isNaN(at.getTime())) issue(["publish_at"], "Choose when to publish.");
        else if (at.getTime() <= (context.now ?? new Date()).getTime()) issue(["publish_at"], "Choose a time in the future.");
      }
      if (has("instagram")) {
        if ((v.caption.match(/(?<!\w)#\w+/g) ?? []).length > 30) issue(["caption"], "Instagram allows at most 30 hashtags.");
        if ((v.caption.match(/(?<!\w)@[\w.]+/g) ?? []).length > 20) issue(["caption"], "Instagram allows at most 20 @-mentions.");
      }
      if (has("youtube")) {
        if (/[<>]/.test(v.caption + v.title)) issue(["title"], "YouTube does not accept < or > in titles and descriptions.");
        if (!v.title.trim() && !v.caption.trim()) issue(["title"], "YouTube needs a title (or a caption whose first line becomes it).");
      }
      checkChoices(v, context, issue);
    });
}

type TikTokBody = Schemas["TikTokChoices"];
type YouTubeBody = Schemas["YouTubeChoices"];

/** The choices as the API takes them (`tiktok` / `youtube`), null for platforms not posted to. */
export function choicesRequest(v: ChoiceValues, platforms: string[]): { tiktok: TikTokBody | null; youtube: YouTubeBody | null } {
  const disclose = v.tiktok.disclose;
  return {
    tiktok: platforms.includes("tiktok")
      ? {
          privacy_level: v.tiktok.privacy_level as TikTokBody["privacy_level"],
          disable_comment: !v.tiktok.allow_comment,
          disable_duet: !v.tiktok.allow_duet,
          disable_stitch: !v.tiktok.allow_stitch,
          brand_organic_toggle: disclose && v.tiktok.your_brand,
          brand_content_toggle: disclose && v.tiktok.branded_content,
          is_aigc: v.tiktok.is_aigc,
        }
      : null,
    youtube: platforms.includes("youtube")
      ? {
          made_for_kids: v.youtube.made_for_kids === "yes",
          category_id: v.youtube.category_id,
          tags: v.youtube.tags
            .split(",")
            .map((tag) => tag.trim())
            .filter(Boolean),
        }
      : null,
  };
}

/** Choices the API kept (a campaign's) back as the form holds them. */
export function choicesValues(kept: { tiktok?: TikTokBody | null; youtube?: YouTubeBody | null } | null | undefined): ChoiceValues {
  const values = defaultChoices();
  const tiktok = kept?.tiktok;
  if (tiktok) {
    values.tiktok = {
      privacy_level: tiktok.privacy_level,
      allow_comment: !tiktok.disable_comment,
      allow_duet: !tiktok.disable_duet,
      allow_stitch: !tiktok.disable_stitch,
      disclose: tiktok.brand_organic_toggle || tiktok.brand_content_toggle,
      your_brand: tiktok.brand_organic_toggle,
      branded_content: tiktok.brand_content_toggle,
      is_aigc: tiktok.is_aigc,
    };
  }
  const youtube = kept?.youtube;
  if (youtube) {
    values.youtube = {
      made_for_kids: youtube.made_for_kids ? "yes" : "no",
      category_id: youtube.category_id ?? "22",
      tags: (youtube.tags ?? []).join(", "),
    };
  }
  return values;
}

/** The `create` body of POST /v1/confirm_publish. */
export function publishRequest(clipId: string, v: PublishValues, platforms: string[]) {
  return {
    clip_id: clipId,
    account_ids: v.account_ids,
    caption: v.caption,
    title: v.title.trim(),
    privacy: v.privacy,
    mode: "direct" as const,
    captions: false,
    publish_at: v.when === "later" && v.publish_at ? new Date(v.publish_at).toISOString() : null,
    ...choicesRequest(v, platforms),
  };
}
