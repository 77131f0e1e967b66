"use client";

// "Why this score" as the workspace's scorer sees it: the learnt version in use (or the default
// weights), its top contributions and, in words, whether there are enough results to learn.
// Loaded with next/dynamic by the clip page, so it adds nothing to its initial JavaScript.
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { featureLabel, platformName } from "./contributions";

const SHOWN = 5;

type Platform = "instagram" | "tiktok" | "youtube";

export default function LearntScore({ clipId, platform }: { clipId: string; platform: string }) {
  const score = useQuery({
    queryKey: ["clips", clipId, "score", platform],
    queryFn: async () =>
      unwrap(
        await api.GET("/v1/clips/{clip_id}/score", {
          params: { path: { clip_id: clipId }, query: { platform: platform as Platform } },
        }),
      ),
  });
  if (score.isPending) return <p className="mt-3 text-sm text-slate-600">Asking the workspace&apos;s scorer…</p>;
  if (score.isError) return <p role="alert" className="mt-3 text-sm text-red-700">{describe(score.error)}</p>;
  const { model, contributions, message } = score.data;
  const scorer = model ? `learnt version ${model.version}` : "the default weights";
  return (
    <section aria-label={`Top contributions to the ${platformName(platform)} score`} className="mt-4 border-t border-slate-200 pt-3">
      <h3 className="text-sm font-semibold text-slate-900">
        Scored now {score.data.score.toFixed(2)} by {scorer}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{message}</p>
      <ol className="mt-2 flex flex-col gap-1 text-sm">
        {contributions.slice(0, SHOWN).map((row) => (
          <li key={row.feature} className="flex justify-between gap-2">
            <span className="text-slate-800">{row.feature === "baseline" ? "Baseline" : featureLabel(row.feature)}</span>
            <span className={`tabular-nums font-medium ${row.contribution < 0 ? "text-red-700" : "text-slate-900"}`}>
              {row.contribution >= 0 ? "+" : ""}
              {row.contribution.toFixed(3)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
