"use client";

// Background jobs, newest first: live progress (the event stream patches the ["jobs", …] caches;
// while any job is unfinished the list is also refreshed every few seconds), cancel and retry.
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { JOB_TYPES, JobRow } from "./job-row";
import { retryJob } from "./retry";

type Job = Schemas["JobOut"];
const STATES = ["pending", "running", "succeeded", "failed", "cancelled"] as const;
type State = (typeof STATES)[number];
type Type = "media.process" | "media.analyze" | "media.render_variant" | "ledger.audit";
const control = "h-10 rounded-md border border-slate-300 bg-white px-3 text-sm";

export function JobsBrowser() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const rawState = params.get("state");
  const rawType = params.get("type");
  const state = STATES.includes(rawState as State) ? (rawState as State) : undefined;
  const type = rawType && rawType in JOB_TYPES ? (rawType as Type) : undefined;
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const jobs = useInfiniteQuery({
    queryKey: ["jobs", { state, type }],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/jobs", { params: { query: { state, type, limit: 50, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((job) => job.state === "pending" || job.state === "running")) ? 3000 : false,
  });
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["jobs"] });
  const cancel = useMutation({
    mutationFn: async (job: Job) => unwrap(await api.POST("/v1/jobs/{job_id}/cancel", { params: { path: { job_id: job.id } } })),
    onSuccess: async () => {
      setNotice({ ok: true, text: "The job is cancelled." });
      await refresh();
    },
    onError: (error) => setNotice({ ok: false, text: describe(error) }),
  });
  const retry = useMutation({
    mutationFn: retryJob,
    onSuccess: async () => {
      setNotice({ ok: true, text: "Started again: the new job is at the top of the list." });
      await refresh();
    },
    onError: (error) => setNotice({ ok: false, text: describe(error) }),
  });

  return (
    <>
      <PageHeader title="Jobs" description="What the workers are doing: processing videos, finding clips, rendering variants." />
      <form aria-label="Filter jobs" className="mb-4 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          State
          <select className={control} value={state ?? ""} onChange={(e) => set("state", e.target.value)}>
            <option value="">Any state</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0).toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Type
          <select className={control} value={type ?? ""} onChange={(e) => set("type", e.target.value)}>
            <option value="">Any type</option>
            {Object.entries(JOB_TYPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {notice ? (
        <p role={notice.ok ? "status" : "alert"} className={`mb-4 rounded-md border p-3 text-sm ${notice.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}>
          {notice.text}
        </p>
      ) : null}
      {jobs.isPending ? (
        <Loading label="Loading jobs…" />
      ) : jobs.isError && items.length === 0 ? (
        <ErrorState error={jobs.error} retry={() => void jobs.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No jobs here">Jobs start when you upload a video or render a clip.</Empty>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
          <table className="w-full text-sm">
            <caption className="sr-only">Jobs, newest first</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">Type</th>
                <th scope="col" className="py-2 pr-3 font-medium">Subject</th>
                <th scope="col" className="py-2 pr-3 font-medium">State</th>
                <th scope="col" className="py-2 pr-3 font-medium">Started</th>
                <th scope="col" className="py-2 pr-3 font-medium">Finished</th>
                <th scope="col" className="py-2 pr-3 font-medium">Duration</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <JobRow
                  key={job.id}
                  job={job}
                  canWrite={can("jobs:write")}
                  busy={cancel.isPending || retry.isPending}
                  onCancel={(j) => cancel.mutate(j)}
                  onRetry={(j) => retry.mutate(j)}
                />
              ))}
            </tbody>
          </table>
          {jobs.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" onClick={() => void jobs.fetchNextPage()} disabled={jobs.isFetchingNextPage}>
                {jobs.isFetchingNextPage ? "Loading…" : "Load more jobs"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
