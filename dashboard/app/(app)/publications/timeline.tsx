// A publication's state timeline: its ledger trail (every step, in the order it happened) read
// as sentences, with the publication's own timestamps where the trail has none.
import type { Schemas } from "@stakazo/api-client";
import { StateBadge } from "@/components/ui/badge";

type Event = Schemas["LedgerEventOut"];
type Publication = Schemas["PublicationOut"];

export type TimelineStep = { key: string; at: string; title: string; detail?: string; state?: string };

const WORDS: Record<string, string> = {
  created: "Created",
  awaiting_approval: "Sent for approval",
  draft: "Back to draft",
  approved: "Approved",
  approval_recorded: "Approval recorded",
  rejected: "Rejected",
  rescheduled: "Time changed",
  scheduled: "Scheduled",
  deferred: "Deferred until the allowance frees up",
  dispatched: "Its time came: queued",
  queued: "Queued for sending",
  retry_requested: "Retry requested",
  redispatched: "Sent again (the worker went silent)",
  uploading: "Uploading to the platform",
  uploaded: "Uploaded",
  processing: "The platform is processing it",
  publish_requested: "Publishing asked of the platform",
  release_scheduled: "Uploaded; the platform releases it at its time",
  reconciled: "Checked with the platform",
  remote_completed: "The platform finished it",
  remote_confirmed: "The platform confirmed it",
  remote_failed: "The platform reported a failure",
  published: "Published",
  failed: "Failed",
  cancelled: "Cancelled",
  removed: "Removed on the platform",
};

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "medium" }) : "";
}

function detailOf(name: string, payload: Record<string, unknown>): string | undefined {
  const text = (key: string) => (typeof payload[key] === "string" ? (payload[key] as string) : undefined);
  if (name === "rescheduled") {
    const at = text("publish_at");
    return at ? `Goes out ${when(at)}` : "Goes out as soon as approved";
  }
  if (name === "approved" && text("publish_at")) return `Goes out ${when(text("publish_at"))}`;
  if (name === "failed" || name === "remote_failed") return text("message") ?? text("reason");
  if (name === "removed" || name === "rejected") return text("reason");
  if (name === "approval_recorded") return `${String(payload.count)} of ${String(payload.required)} approvals`;
  if (name === "deferred") return text("until") ? `Until ${when(text("until"))}` : undefined;
  return undefined;
}

/** The steps, oldest first: one per ledger event of the publication. Without a trail (e.g. no
 * permission to read the ledger) the publication's own timestamps stand in. */
export function timelineSteps(publication: Publication, events: Event[] | undefined): TimelineStep[] {
  if (events && events.length > 0) {
    return [...events]
      .sort((a, b) => a.chain_seq - b.chain_seq)
      .map((event) => {
        const name = event.type.replace(/^publication\./, "");
        const payload = event.payload as Record<string, unknown>;
        return {
          key: event.id,
          at: event.occurred_at,
          title: WORDS[name] ?? name.replaceAll("_", " "),
          detail: detailOf(name, payload),
          state: typeof payload.state === "string" ? payload.state : undefined,
        };
      });
  }
  const steps: TimelineStep[] = [{ key: "created", at: publication.created_at, title: "Created" }];
  if (publication.approved_at) steps.push({ key: "approved", at: publication.approved_at, title: "Approved" });
  if (publication.published_at) {
    steps.push({ key: "published", at: publication.published_at, title: "Published", state: "published" });
  }
  return steps;
}

export function PublicationTimeline({ publication, events }: { publication: Publication; events: Event[] | undefined }) {
  const steps = timelineSteps(publication, events);
  return (
    <ol aria-label="State timeline" className="relative flex flex-col gap-4 border-l-2 border-slate-200 pl-5">
      {steps.map((step) => (
        <li key={step.key} className="relative">
          <span aria-hidden className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-600" />
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{step.title}</span>
            {step.state ? <StateBadge state={step.state} /> : null}
          </div>
          <time dateTime={step.at} className="text-xs text-slate-600">
            {when(step.at)}
          </time>
          {step.detail ? <p className="text-sm text-slate-700">{step.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
