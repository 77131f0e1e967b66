// What each rule means in words, how its value reads, and which ones the proposal form edits.
import type { Schemas } from "@stakazo/api-client";

export type Rules = Schemas["PlatformRulesDoc"];
export type RuleVersion = Schemas["PlatformRuleOut"];
export type RuleKey = keyof Rules;

export const PLATFORMS = ["instagram", "tiktok", "youtube"] as const;
export type Platform = (typeof PLATFORMS)[number];
export const PLATFORM_NAMES: Record<Platform, string> = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };

// The order rules are shown in, grouped as a person thinks of them.
export const LABELS: [RuleKey, string][] = [
  ["min_duration_seconds", "Shortest video (s)"],
  ["max_duration_seconds", "Longest video (s)"],
  ["ideal_duration_seconds", "Ideal length (s)"],
  ["max_size_bytes", "Largest file"],
  ["containers", "File types"],
  ["video_codecs", "Video codecs"],
  ["audio_codecs", "Audio codecs"],
  ["aspect_ratios", "Shapes"],
  ["min_side_px", "Smallest side (px)"],
  ["max_side_px", "Largest side (px)"],
  ["min_fps", "Lowest frame rate"],
  ["max_fps", "Highest frame rate"],
  ["caption_max_chars", "Longest caption"],
  ["caption_unit", "Caption counted in"],
  ["title_max_chars", "Longest title"],
  ["hashtags_max", "Most hashtags"],
  ["mentions_max", "Most @-mentions"],
  ["forbidden_characters", "Refused characters"],
  ["posts_per_day", "Posts per account a day"],
  ["posting_windows", "Posting windows (UTC)"],
  ["width", "Render width (px)"],
  ["height", "Render height (px)"],
  ["fps", "Render frame rate"],
  ["video_codec", "Render video codec"],
  ["audio_codec", "Render audio codec"],
  ["max_video_bitrate_kbps", "Highest video bitrate (kbps)"],
  ["target_video_bitrate_kbps", "Render video bitrate (kbps)"],
];

// The numbers the proposal form lets people change; the API checks every value it is sent.
export const EDITABLE: RuleKey[] = [
  "min_duration_seconds",
  "max_duration_seconds",
  "max_size_bytes",
  "min_side_px",
  "max_side_px",
  "caption_max_chars",
  "title_max_chars",
  "hashtags_max",
  "mentions_max",
  "posts_per_day",
];

export function labelOf(key: string): string {
  return LABELS.find(([k]) => k === key)?.[1] ?? key;
}

export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (key === "max_size_bytes" && typeof value === "number") {
    return value >= 1024 ** 3 ? `${(value / 1024 ** 3).toLocaleString("en")} GB` : `${(value / 1024 ** 2).toLocaleString("en")} MB`;
  }
  if (key === "posting_windows" && Array.isArray(value)) {
    if (value.length === 0) return "any time";
    const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    return (value as Schemas["PostingWindow"][])
      .map((w) => `${w.weekday === null || w.weekday === undefined ? "daily" : days[w.weekday]} ${w.start}–${w.end}`)
      .join(", ");
  }
  if (Array.isArray(value)) return value.join(key === "ideal_duration_seconds" ? "–" : ", ");
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type Change = { key: string; before: unknown; after: unknown };

// The keys whose values differ, in display order (then any other key).
export function diff(before: Rules | undefined, after: Rules): Change[] {
  const keys = [...LABELS.map(([k]) => k as string), ...Object.keys(after).filter((k) => !LABELS.some(([l]) => l === k))];
  const old = (before ?? {}) as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return keys
    .filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]))
    .map((key) => ({ key, before: old[key], after: now[key] }));
}
