"use client";

import { useId, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Alert } from "@/lib/operations-types";
import { timeAgo } from "@/lib/utils";
import { duration, SILENCE_CHOICES, type AlertAction } from "./alert-queries";
import { SeverityBadge } from "./severity";

export const ADMINS_ONLY = "Only admins can acknowledge or silence alerts.";

function Status({ alert }: { alert: Alert }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <StateBadge state={alert.state} />
      {alert.acknowledged_at ? <span className="text-xs text-slate-700">Acknowledged {timeAgo(alert.acknowledged_at)}</span> : null}
      {alert.silenced && alert.silenced_until ? <span className="text-xs text-slate-700">Silenced until {new Date(alert.silenced_until).toLocaleString()}</span> : null}
      {alert.resolved_at ? <span className="text-xs text-slate-700">Resolved {timeAgo(alert.resolved_at)}</span> : null}
    </div>
  );
}

function Actions({ alert, canManage, busy, onAction }: { alert: Alert; canManage: boolean; busy: boolean; onAction: (action: AlertAction) => void }) {
  const [minutes, setMinutes] = useState<number>(60);
  const reasonId = useId();
  const selectId = useId();
  const open = alert.state === "open";
  const disabled = !canManage || busy || !open;
  const describedBy = canManage ? undefined : reasonId;
  return (
    <div className="flex flex-col items-end gap-1.5">
      <Button
        size="sm"
        variant="secondary"
        disabled={disabled || alert.acknowledged_at !== null}
        aria-describedby={describedBy}
        onClick={() => onAction({ alert, kind: "acknowledge" })}
      >
        {alert.acknowledged_at ? "Acknowledged " : "Acknowledge "}
        <span className="sr-only">{alert.title}</span>
      </Button>
      <div className="flex items-center gap-2 whitespace-nowrap">
        <label htmlFor={selectId} className="sr-only">
          Silence {alert.title} for
        </label>
        <select
          id={selectId}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm disabled:opacity-60"
          value={minutes}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => setMinutes(Number(e.target.value))}
        >
          {SILENCE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {duration(choice)}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          variant="secondary"
          disabled={disabled}
          aria-describedby={describedBy}
          onClick={() => onAction({ alert, kind: "silence", minutes })}
        >
          {"Silence "}
          <span className="sr-only">{alert.title}</span>
        </Button>
      </div>
      {canManage ? null : (
        <p id={reasonId} className="text-xs text-slate-600">
          {ADMINS_ONLY}
        </p>
      )}
    </div>
  );
}

export function AlertRow(props: { alert: Alert; canManage: boolean; busy: boolean; onAction: (action: AlertAction) => void }) {
  const { alert } = props;
  return (
    <tr className="border-b border-slate-100 align-top" data-testid={`alert-${alert.id}`}>
      <td className="py-2 pr-3">
        <SeverityBadge severity={alert.severity} />
      </td>
      <th scope="row" className="max-w-md py-2 pr-3 text-left font-normal">
        <span className="block font-medium text-slate-900" data-testid="alert-title">
          {alert.title}
        </span>
        <span className="block text-slate-700">{alert.message}</span>
        <span className="block text-xs text-slate-600">
          {alert.rule} · {alert.scope === "instance" ? "the whole instance" : "this workspace"}
        </span>
      </th>
      <td className="py-2 pr-3">
        <Status alert={alert} />
      </td>
      <td className="py-2 pr-3 text-slate-800">
        <time dateTime={alert.last_seen_at} title={new Date(alert.last_seen_at).toLocaleString()}>
          {timeAgo(alert.last_seen_at)}
        </time>
        <span className="block text-xs text-slate-600">
          {alert.count === 1 ? "once" : `${alert.count} times`} since {timeAgo(alert.first_seen_at)}
        </span>
      </td>
      <td className="py-2">
        <Actions {...props} />
      </td>
    </tr>
  );
}
