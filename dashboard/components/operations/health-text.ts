// The model's answer is validated JSON whose items are words or small objects: one way to read
// each as a sentence, and a finding's remaining fields as its facts.
import type { Finding, Hypothesis } from "@/lib/operations-types";

const TEXT_FIELDS = ["text", "title", "summary", "action", "step", "recommendation", "cause", "description"] as const;

export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const field of TEXT_FIELDS) if (typeof record[field] === "string" && record[field]) return record[field];
    return JSON.stringify(value);
  }
  return "";
}

/** Evidence ids an item cites ("E1", …), wherever the model put them. */
export function evidenceOf(item: unknown): string[] {
  if (!item || typeof item !== "object") return [];
  const evidence = (item as Hypothesis).evidence;
  return Array.isArray(evidence) ? evidence.filter((id): id is string => typeof id === "string") : [];
}

export function findingTitle(finding: Finding): string {
  return finding.title ?? finding.summary ?? finding.cause ?? finding.id;
}

const NOT_FACTS = new Set(["id", "severity", "title", "summary", "cause"]);

export function factsOf(finding: Finding): [string, string][] {
  return Object.entries(finding)
    .filter(([name, value]) => !NOT_FACTS.has(name) && value !== null && value !== undefined)
    .map(([name, value]) => [name.replaceAll("_", " "), typeof value === "object" ? JSON.stringify(value) : String(value)]);
}

/** The anchor a finding gets on the report, so a hypothesis can point at it. */
export function findingAnchor(id: string): string {
  return `finding-${id.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

export function formatCost(usd: number): string {
  return usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
