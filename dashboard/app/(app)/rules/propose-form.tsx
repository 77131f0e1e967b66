"use client";

// Propose a change to one platform's rules: edit the numbers of the version in force, say why.
// Only the changed keys are sent; the API refuses values that make no sense, in words.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { EDITABLE, labelOf, PLATFORM_NAMES, PLATFORMS, type Platform, type Rules } from "./fields";

function asText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

export function ProposeForm({ active }: { active: Partial<Record<Platform, Rules>> }) {
  const queryClient = useQueryClient();
  const [platform, setPlatform] = useState<Platform>("tiktok");
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState("");
  const current = (active[platform] ?? {}) as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(values)
      .filter(([key, text]) => text !== asText(current[key]))
      .map(([key, text]) => [key, text.trim() === "" ? null : Number(text)]),
  );
  const propose = useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/platform-rules", { body: { platform, rules: changed, note } })),
    onSuccess: () => {
      setValues({});
      setNote("");
      return queryClient.invalidateQueries({ queryKey: ["platform-rules"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <label className="flex items-center gap-2 text-sm">
        Platform
        <select
          value={platform}
          onChange={(event) => {
            setPlatform(event.target.value as Platform);
            setValues({});
            propose.reset();
          }}
          className="h-8 rounded-md border border-slate-300 bg-white px-2"
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_NAMES[p]}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        {EDITABLE.map((key) => (
          <label key={key} className="flex flex-col gap-0.5 text-xs text-slate-700">
            {labelOf(key)}
            <input
              type="number"
              step="any"
              value={values[key] ?? asText(current[key])}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
              className="h-8 rounded-md border border-slate-300 px-2 text-sm text-slate-900"
            />
          </label>
        ))}
      </div>
      <label className="flex flex-col gap-0.5 text-xs text-slate-700">
        Why (the platform&apos;s announcement, a refusal seen…)
        <textarea value={note} onChange={(event) => setNote(event.target.value)} className="min-h-16 rounded-md border border-slate-300 p-2 text-sm text-slate-900" />
      </label>
      <div>
        <Button type="submit" size="sm" disabled={propose.isPending || !note.trim() || Object.keys(changed).length === 0}>
          Propose the change
        </Button>
      </div>
      {propose.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {describe(propose.error)}
        </p>
      ) : propose.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800">
          Proposed as version {propose.data.version}; an admin decides.
        </p>
      ) : null}
    </form>
  );
}
