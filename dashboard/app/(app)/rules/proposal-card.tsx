"use client";

// A proposed version: what it changes against the version in force, why, and (admins) approve
// or reject it with a note. Others see why they cannot decide.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { timeAgo } from "@/lib/utils";
import { diff, formatValue, labelOf, PLATFORM_NAMES, type Platform, type Rules, type RuleVersion } from "./fields";

type Props = { proposal: RuleVersion; active: Rules | undefined; canDecide: boolean; myId: string };

export function ProposalCard({ proposal, active, canDecide, myId }: Props) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const path = { params: { path: { rule_id: proposal.id } } };
  const decide = useMutation({
    mutationFn: async (decision: "approve" | "reject") =>
      decision === "approve"
        ? unwrap(await api.POST("/v1/platform-rules/{rule_id}/approve", { ...path, body: { note: note || null } }))
        : unwrap(await api.POST("/v1/platform-rules/{rule_id}/reject", { ...path, body: { note } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["platform-rules"] }),
  });
  const changes = diff(active, proposal.rules);
  const name = PLATFORM_NAMES[proposal.platform as Platform] ?? proposal.platform;
  const noteId = `note-${proposal.id}`;
  const reasonId = !canDecide || proposal.proposed_by_id === myId ? `why-${proposal.id}` : undefined;
  return (
    <article aria-label={`${name} rules, version ${proposal.version}`} className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
      <header className="text-sm">
        <span className="font-semibold text-slate-900">
          {name} · version {proposal.version}
        </span>{" "}
        <span className="text-slate-600">proposed {timeAgo(proposal.created_at)}</span>
        <p className="mt-1 text-slate-800">“{proposal.note}”</p>
      </header>
      <table className="w-full text-sm">
        <caption className="sr-only">Changes against the version in force</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col" className="font-normal">Rule</th>
            <th scope="col" className="font-normal">In force</th>
            <th scope="col" className="font-normal">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.key}>
              <th scope="row" className="py-0.5 pr-3 text-left font-normal text-slate-700">{labelOf(change.key)}</th>
              <td className="py-0.5 pr-3 text-slate-600 line-through">{formatValue(change.key, change.before)}</td>
              <td className="py-0.5 font-medium text-slate-900">{formatValue(change.key, change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-col gap-2">
        {canDecide ? (
          <>
            <label htmlFor={noteId} className="text-xs text-slate-700">
              Note (needed to reject)
            </label>
            <input
              id={noteId}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              className="h-8 rounded-md border border-slate-300 px-2 text-sm"
            />
          </>
        ) : null}
        {!canDecide ? (
          <p id={reasonId} className="text-xs text-slate-600">
            Only admins (the rules:approve permission) approve or reject rule changes.
          </p>
        ) : proposal.proposed_by_id === myId ? (
          <p id={reasonId} className="text-xs text-slate-600">
            You proposed this: another admin approves it, unless you are the only admin here.
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button size="sm" disabled={!canDecide || decide.isPending} aria-describedby={reasonId} onClick={() => decide.mutate("approve")}>
            Approve version {proposal.version}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={!canDecide || decide.isPending || !note.trim()}
            aria-describedby={reasonId}
            onClick={() => decide.mutate("reject")}
          >
            Reject version {proposal.version}
          </Button>
        </div>
      </div>
      {decide.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {describe(decide.error)}
        </p>
      ) : null}
    </article>
  );
}
