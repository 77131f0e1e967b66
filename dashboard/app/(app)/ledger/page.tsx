"use client";

// The audit trail, newest first: filters, each event's payload and hashes, and whether the
// workspace's hash chain holds (GET /v1/ledger/verify).
import type { Schemas } from "@stakazo/api-client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { CheckCircle2, ShieldAlert } from "lucide-react";
import { Fragment, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";

type Event = Schemas["LedgerEventOut"];
type Subject = "publication_id" | "clip_id" | "asset_id" | "job_id";
type Filters = { type?: string; type_prefix?: string; since?: string; until?: string } & Partial<Record<Subject, string>>;

const SUBJECTS: { key: Subject; label: string }[] = [
  { key: "publication_id", label: "Publication" },
  { key: "clip_id", label: "Clip" },
  { key: "asset_id", label: "Video" },
  { key: "job_id", label: "Job" },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Verification() {
  const verify = useQuery({
    queryKey: ["ledger", "verify"],
    queryFn: async () => unwrap(await api.GET("/v1/ledger/verify")),
  });
  return (
    <Card className="mb-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Chain verification</CardTitle>
        <Button size="sm" variant="secondary" disabled={verify.isFetching} onClick={() => void verify.refetch()}>
          {verify.isFetching ? "Verifying…" : "Verify again"}
        </Button>
      </div>
      <div className="mt-3" aria-live="polite">
        <QueryState query={verify}>
          {(report) =>
            report.intact ? (
              <p className="flex items-center gap-2 text-sm text-emerald-900">
                <CheckCircle2 className="h-5 w-5 text-emerald-700" aria-hidden />
                <span>
                  <span className="font-semibold">Intact.</span> {report.events_checked} events checked
                  {report.head_sequence != null ? `, up to #${report.head_sequence}` : ""}: none was edited, inserted, removed or re-ordered.
                </span>
              </p>
            ) : (
              <div role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
                <ShieldAlert className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
                <div>
                  <p className="font-semibold">
                    Broken{report.first_broken_sequence != null ? ` at event #${report.first_broken_sequence}` : ""}.
                  </p>
                  <p>
                    {report.problem ?? "An event does not hold."} {report.events_checked} events checked before it.
                  </p>
                </div>
              </div>
            )
          }
        </QueryState>
      </div>
    </Card>
  );
}

function FilterForm({ onApply }: { onApply: (filters: Filters) => void }) {
  const [type, setType] = useState("");
  const [subject, setSubject] = useState<Subject>("publication_id");
  const [subjectId, setSubjectId] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [invalid, setInvalid] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = subjectId.trim();
    if (id && !UUID.test(id)) {
      setInvalid("An id looks like 0b5c3e1a-…: 36 characters with dashes.");
      return;
    }
    setInvalid(undefined);
    const t = type.trim();
    onApply({
      ...(t ? (t.endsWith(".") ? { type_prefix: t } : { type: t }) : {}),
      ...(id ? { [subject]: id } : {}),
      ...(since ? { since: new Date(since).toISOString() } : {}),
      ...(until ? { until: new Date(`${until}T23:59:59.999`).toISOString() } : {}),
    });
  };
  return (
    <form onSubmit={submit} role="search" aria-label="Filter the ledger" className="mb-4 grid gap-3 md:grid-cols-[1fr_auto_1fr_auto_auto_auto] md:items-end">
      <Field id="ledger-type" label="Event type (or family ending in “.”)">
        <Input id="ledger-type" placeholder="publication. or member.role_changed" value={type} onChange={(e) => setType(e.target.value)} />
      </Field>
      <Field id="ledger-subject" label="About a">
        <select id="ledger-subject" value={subject} onChange={(e) => setSubject(e.target.value as Subject)} className="h-10 rounded-md border border-slate-300 bg-white px-2 text-sm">
          {SUBJECTS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ledger-id" label="With id" error={invalid}>
        <Input id="ledger-id" value={subjectId} onChange={(e) => setSubjectId(e.target.value)} aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? "ledger-id-error" : undefined} />
      </Field>
      <Field id="ledger-since" label="From">
        <Input id="ledger-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
      </Field>
      <Field id="ledger-until" label="To">
        <Input id="ledger-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </Field>
      <Button type="submit">Filter</Button>
    </form>
  );
}

function subjectsOf(event: Event): string {
  const parts: string[] = [];
  for (const { key, label } of SUBJECTS) {
    const value = event[key];
    if (value) parts.push(`${label} ${value.slice(0, 8)}`);
  }
  const account = (event.payload as Record<string, unknown>).account_id;
  if (typeof account === "string") parts.push(`Account ${account.slice(0, 8)}`);
  return parts.join(", ") || "—";
}

function EventDetail({ event }: { event: Event }) {
  return (
    <div className="flex flex-col gap-2 bg-slate-50 p-4 text-xs">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">Event id</dt>
        <dd className="font-mono break-all">{event.id}</dd>
        <dt className="text-slate-600">Chain</dt>
        <dd className="font-mono break-all">{event.chain} · #{event.chain_seq}</dd>
        <dt className="text-slate-600">Hash</dt>
        <dd className="font-mono break-all">{event.hash}</dd>
        <dt className="text-slate-600">Previous hash</dt>
        <dd className="font-mono break-all">{event.prev_hash}</dd>
        {event.actor_id ? (
          <>
            <dt className="text-slate-600">By</dt>
            <dd className="font-mono break-all">{event.actor_id}</dd>
          </>
        ) : null}
        {SUBJECTS.filter(({ key }) => event[key]).map(({ key, label }) => (
          <Fragment key={key}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-mono break-all">{event[key]}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="font-medium text-slate-800">Payload</p>
      <pre className="overflow-x-auto rounded bg-white p-2 text-slate-900">{JSON.stringify(event.payload, null, 2)}</pre>
    </div>
  );
}

export default function LedgerPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [open, setOpen] = useState<string | null>(null);
  const events = useInfiniteQuery({
    queryKey: ["ledger", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/ledger", { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader title="Ledger" description="Everything that happened in this workspace, in a tamper-evident hash chain." />
      <Verification />
      <FilterForm onApply={(next) => { setFilters(next); setOpen(null); }} />
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} retry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={filtered ? "No event matches these filters." : "Nothing recorded yet."} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Ledger events, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">#</th>
                <th scope="col" className="px-4 py-2 font-medium">When</th>
                <th scope="col" className="px-4 py-2 font-medium">Event</th>
                <th scope="col" className="px-4 py-2 font-medium">About</th>
                <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Detail</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <Fragment key={event.id}>
                  <tr className="border-t border-slate-200">
                    <td className="px-4 py-2 font-mono text-slate-700">{event.chain_seq}</td>
                    <td className="px-4 py-2 text-slate-700">
                      <time dateTime={event.occurred_at}>{new Date(event.occurred_at).toLocaleString("en", { dateStyle: "medium", timeStyle: "medium" })}</time>
                    </td>
                    <td className="px-4 py-2 font-mono text-slate-900">{event.type}</td>
                    <td className="px-4 py-2 text-slate-700">{subjectsOf(event)}</td>
                    <td className="px-4 py-2 text-right">
                      <Button size="sm" variant="ghost" aria-expanded={open === event.id} aria-controls={`event-${event.id}`}
                        onClick={() => setOpen(open === event.id ? null : event.id)}>
                        {open === event.id ? "Hide" : "Details"}<span className="sr-only"> of event {event.chain_seq}</span>
                      </Button>
                    </td>
                  </tr>
                  {open === event.id ? (
                    <tr id={`event-${event.id}`}>
                      <td colSpan={5}>
                        <EventDetail event={event} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
            {events.isFetchingNextPage ? "Loading…" : "Older events"}
          </Button>
        </div>
      ) : null}
      {events.isFetchNextPageError ? <p role="alert" className="mt-2 text-sm text-red-700">{describe(events.error)}</p> : null}
    </>
  );
}
