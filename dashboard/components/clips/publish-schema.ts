// The publish form's rules, per platform, as one zod schema built for the accounts chosen and
// what their creator info allows. The API checks the same rules; this says them before sending.
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

export type PublishValues = {
  account_ids: string[];
  caption: string;
  title: string;
  privacy: "public" | "private" | "unlisted";
  when: "now" | "later";
  publish_at: string;
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

export function defaultValues(caption: string): PublishValues {
  return {
    account_ids: [],
    caption,
    title: "",
    privacy: "public",
    when: "now",
    publish_at: "",
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

/** Privacy levels every chosen TikTok account offers. */
export function commonPrivacyLevels(creators: TikTokCreator[]): string[] {
  const [first] = creators;
  if (!first) return [];
  return first.privacy_level_options.filter((level) => creators.every((c) => c.privacy_level_options.includes(level)));
}

export function publishSchema(context: PublishContext) {
  const has = (platform: string) => context.platforms.includes(platform);
  const levels = commonPrivacyLevels(context.tiktok);
  const disabled = {
    comment: context.tiktok.some((c) => c.comment_disabled),
    duet: context.tiktok.some((c) => c.duet_disabled),
    stitch: context.tiktok.some((c) => c.stitch_disabled),
  };
  return z
    .object({
      account_ids: z.array(z.string()).min(1, "Choose at least one account."),
      caption: z.string().max(CAPTION_MAX, `A caption holds at most ${CAPTION_MAX.toLocaleString("en")} characters.`),
      title: z.string().max(TITLE_MAX, `A title holds at most ${TITLE_MAX} characters.`),
      privacy: z.enum(["public", "private", "unlisted"]),
      when: z.enum(["now", "later"]),
      publish_at: z.string(),
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
    })
    .superRefine((v, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
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
        if (v.youtube.made_for_kids === "") issue(["youtube", "made_for_kids"], "Say whether the video is made for kids.");
        if (/[<>,]/.test(v.youtube.tags.split(",").join(""))) issue(["youtube", "tags"], "Tags may not contain < or >.");
      }
      if (has("tiktok")) {
        if (!v.tiktok.privacy_level) issue(["tiktok", "privacy_level"], "Choose who can watch the video on TikTok.");
        else if (!levels.includes(v.tiktok.privacy_level))
          issue(["tiktok", "privacy_level"], "The TikTok account does not offer this privacy level.");
        if (disabled.comment && v.tiktok.allow_comment) issue(["tiktok", "allow_comment"], "The creator turned off comments in TikTok.");
        if (disabled.duet && v.tiktok.allow_duet) issue(["tiktok", "allow_duet"], "The creator turned off duets in TikTok.");
        if (disabled.stitch && v.tiktok.allow_stitch) issue(["tiktok", "allow_stitch"], "The creator turned off stitches in TikTok.");
        if (v.tiktok.disclose && !v.tiktok.your_brand && !v.tiktok.branded_content)
          issue(["tiktok", "disclose"], "Choose “Your brand”, “Branded content” or both, or turn disclosure off.");
        if (v.tiktok.disclose && v.tiktok.branded_content && v.tiktok.privacy_level === "SELF_ONLY")
          issue(["tiktok", "privacy_level"], "Branded content cannot be private on TikTok.");
      }
    });
}

/** The `create` body of POST /v1/confirm_publish. */
export function publishRequest(clipId: string, v: PublishValues, platforms: string[]) {
  const has = (platform: string) => platforms.includes(platform);
  const disclose = v.tiktok.disclose;
  return {
    clip_id: clipId,
    account_ids: v.account_ids,
    caption: v.caption,
    title: v.title.trim(),
    privacy: v.privacy,
    mode: "direct" as const,
    captions: false,
    publish_at: v.when === "later" && v.publish_at ? new Date(v.publish_at).toISOString() : null,
    tiktok: has("tiktok")
      ? {
          privacy_level: v.tiktok.privacy_level as "PUBLIC_TO_EVERYONE" | "MUTUAL_FOLLOW_FRIENDS" | "FOLLOWER_OF_CREATOR" | "SELF_ONLY",
          disable_comment: !v.tiktok.allow_comment,
          disable_duet: !v.tiktok.allow_duet,
          disable_stitch: !v.tiktok.allow_stitch,
          brand_organic_toggle: disclose && v.tiktok.your_brand,
          brand_content_toggle: disclose && v.tiktok.branded_content,
          is_aigc: v.tiktok.is_aigc,
        }
      : null,
    youtube: has("youtube")
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
