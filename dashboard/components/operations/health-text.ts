// Words for a run's report: the anchor each finding gets (hypotheses link to it), causes and costs.
export function findingAnchor(id: string): string {
  return `finding-${id.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

/** "queue_backlog" → "Queue backlog". */
export function causeName(cause: string): string {
  const words = cause.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatCost(usd: number): string {
  return usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

const FALLBACKS: Record<string, string> = {
  no_provider_configured: "No AI provider is configured (no OpenAI or Gemini key).",
  providers_failed: "Both AI providers failed or timed out.",
  malformed_output: "The model's answer could not be used, even after a repair.",
  cost_cap_run: "The run's spending cap was reached.",
  cost_cap_day: "The day's spending cap was reached.",
};

export function fallbackText(reason: string | null): string {
  if (!reason) return "No reason was recorded.";
  return FALLBACKS[reason] ?? reason.replaceAll("_", " ");
}
