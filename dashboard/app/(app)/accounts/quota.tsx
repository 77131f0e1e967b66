"use client";

// How many posts an account may still publish now, in words and as a bar.
import type { Schemas } from "@stakazo/api-client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { ProgressBar } from "@/components/ui/progress";
import { timeAgo } from "@/lib/utils";

export type Quota = Schemas["QuotaOut"];

const PLATFORMS: Record<string, string> = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };

/** An account's handle as people write it: one leading @ (YouTube's already has it). */
export function handle(username: string): string {
  return `@${username.replace(/^@/, "")}`;
}

export function platformName(platform: string): string {
  return PLATFORMS[platform] ?? platform;
}

function windowWords(window: Quota["window"]): string {
  if (window === "pacific_day") return "today (the day ends at midnight Pacific time)";
  if (window === "rolling_day") return "in the last 24 hours";
  return "";
}

/** The allowance in words: what is left, over which window, who counts it, when room frees up. */
export function QuotaSummary({ quota, now }: { quota: Quota; now?: number }) {
  if (quota.source === "unlimited" || quota.limit == null || quota.used == null) {
    return <p className="text-sm text-slate-700">No posting limit applies to these posts.</p>;
  }
  const remaining = quota.remaining ?? Math.max(0, quota.limit - quota.used);
  const counter = quota.source === "platform" ? `as ${platformName(quota.platform)} reports it` : "counted by Stakazo";
  return (
    <div className="flex flex-col gap-1.5">
      <p className="text-sm text-slate-900">
        <span className="font-semibold">
          {remaining} of {quota.limit}
        </span>{" "}
        posts left {windowWords(quota.window)}
      </p>
      <ProgressBar value={(quota.used / Math.max(1, quota.limit)) * 100} label={`${quota.used} of ${quota.limit} posts used`} />
      <p className="text-xs text-slate-600">
        {quota.used} used, {counter}.
        {remaining === 0 && quota.resets_at
          ? ` Limit reached: the next post waits until room frees up ${timeAgo(quota.resets_at, now)}.`
          : remaining === 0
            ? " Limit reached: the next post waits until room frees up."
            : quota.resets_at && quota.window === "rolling_day"
              ? ` A slot frees up ${timeAgo(quota.resets_at, now)}.`
              : ""}
      </p>
    </div>
  );
}

/** The account's allowance, asked from the API (only for connected accounts). */
export function AccountQuota({ account }: { account: Schemas["AccountOut"] }) {
  const quota = useQuery({
    queryKey: ["accounts", account.id, "quota"],
    queryFn: async () =>
      unwrap(await api.GET("/v1/accounts/{account_id}/quota", { params: { path: { account_id: account.id } } })),
    enabled: account.status === "connected",
    retry: false,
  });
  if (account.status !== "connected") {
    return <p className="text-sm text-slate-600">Connect the account again to see what is left.</p>;
  }
  if (quota.isPending) return <p className="text-sm text-slate-600">Reading the allowance…</p>;
  if (quota.isError) return <p className="text-sm text-red-700">Allowance unknown: {describe(quota.error)}</p>;
  return <QuotaSummary quota={quota.data} />;
}
