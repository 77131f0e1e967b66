// Each feature's share of a platform's score, as rows a chart or a table can draw.
export type Contribution = { value: number; weight: number; contribution: number };
export type Breakdown = Record<string, Record<string, Contribution>>;

export type ContributionRow = {
  feature: string;
  label: string;
  value: number;
  weight: number;
  contribution: number;
};

const LABELS: Record<string, string> = {
  hook: "Hook",
  cut_rate: "Cut rate",
  speech_density: "Speech density",
  silence_ratio: "Silence",
  motion: "Motion",
  faces: "Faces",
  duration_fit: "Length fit",
};

export function featureLabel(feature: string): string {
  if (LABELS[feature]) return LABELS[feature];
  const words = feature.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The platform's rows, the largest effect first (a negative weight pulls the score down). */
export function contributionRows(breakdown: Breakdown, platform: string): ContributionRow[] {
  const features = breakdown[platform] ?? {};
  return Object.entries(features)
    .map(([feature, part]) => ({
      feature,
      label: featureLabel(feature),
      value: part.value,
      weight: part.weight,
      contribution: part.contribution,
    }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature));
}

/** The platforms the breakdown covers, in a fixed order people learn. */
export function breakdownPlatforms(breakdown: Breakdown): string[] {
  const order = ["tiktok", "instagram", "youtube"];
  const rank = (platform: string) => (order.includes(platform) ? order.indexOf(platform) : order.length);
  return Object.keys(breakdown).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const PLATFORM_NAMES: Record<string, string> = {
  instagram: "Instagram",
  tiktok: "TikTok",
  youtube: "YouTube",
};

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}
