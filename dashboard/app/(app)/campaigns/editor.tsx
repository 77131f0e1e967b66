"use client";

// A campaign's settings as a form: targets with their weekday/time slot rows (or a cadence),
// gap, blackout dates, caption template and hashtags, sources, approval and evergreen rules, and
// the choices TikTok and YouTube require for every post.
import type { Schemas } from "@stakazo/api-client";
import { useState } from "react";
import { BestTimes } from "@/components/campaigns/BestTimes";
import { choicesRequest } from "@/components/clips/publish-schema";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { handle, platformName } from "../accounts/quota";
import { PlatformChoices, usePlatformChoices } from "./platform-choices";

type Campaign = Schemas["CampaignOut"];
type Account = Schemas["AccountOut"];
export type CampaignChanges = Schemas["CampaignPatch"];
type Slot = { weekday: number; time: string };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function words(list: string[]): string {
  return list.join(" ");
}

function split(text: string): string[] {
  return text.split(/[\s,]+/).map((word) => word.trim()).filter(Boolean);
}

export function CampaignEditor({ campaign, accounts, saving, onSave }: {
  campaign: Campaign;
  accounts: Account[];
  saving: boolean;
  onSave: (changes: CampaignChanges) => void;
}) {
  const [form, setForm] = useState({
    name: campaign.name,
    time_zone: campaign.time_zone,
    starts_on: campaign.starts_on,
    ends_on: campaign.ends_on,
    schedule_mode: campaign.schedule_mode ?? "slots",
    posts_per_day: campaign.posts_per_day ?? 1,
    min_gap_minutes: campaign.min_gap_minutes ?? 60,
    blackout_dates: words(campaign.blackout_dates ?? []),
    caption_template: campaign.caption_template ?? "",
    required_hashtags: words(campaign.required_hashtags ?? []),
    source_tags: words(campaign.source_tags ?? []),
    source_asset_ids: words(campaign.source_asset_ids ?? []),
    approval_policy: campaign.approval_policy ?? "one",
    approvals_required: campaign.approvals_required ?? 1,
    evergreen: campaign.evergreen ?? false,
    evergreen_cooldown_days: campaign.evergreen_cooldown_days ?? 30,
    evergreen_max_reuses: campaign.evergreen_max_reuses ?? 2,
    exploration_share: campaign.exploration_share ?? 0.1,
  });
  const [targets, setTargets] = useState<Record<string, Slot[]>>(
    Object.fromEntries(campaign.targets.map((t) => [t.account_id, t.slots ?? []])),
  );
  const choices = usePlatformChoices(
    campaign.post_choices,
    accounts.filter((a) => targets[a.id] !== undefined),
  );
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setSlots = (id: string, slots: Slot[]) => setTargets((all) => ({ ...all, [id]: slots }));
  const toggle = (id: string, on: boolean) =>
    setTargets((all) => {
      const next = { ...all };
      if (on) next[id] = [{ weekday: 0, time: "12:00" }];
      else delete next[id];
      return next;
    });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void choices.form.handleSubmit((chosen) =>
      onSave({
        ...form,
        posts_per_day: form.schedule_mode === "cadence" ? form.posts_per_day : null,
        blackout_dates: split(form.blackout_dates),
        required_hashtags: split(form.required_hashtags),
        source_tags: split(form.source_tags),
        source_asset_ids: split(form.source_asset_ids),
        targets: Object.entries(targets).map(([account_id, slots]) => ({ account_id, slots })),
        post_choices: choicesRequest(chosen, choices.platforms),
      }),
    )();
  }

  const number = (key: "posts_per_day" | "min_gap_minutes" | "approvals_required" | "evergreen_cooldown_days" | "evergreen_max_reuses") => (
    <Input id={key} type="number" min={0} value={form[key]} onChange={(e) => set(key, Number(e.target.value))} />
  );

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" aria-label="Campaign settings">
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
        <Field id="name" label="Name"><Input id="name" value={form.name} onChange={(e) => set("name", e.target.value)} required /></Field>
        <Field id="time_zone" label="Time zone (IANA)"><Input id="time_zone" value={form.time_zone} onChange={(e) => set("time_zone", e.target.value)} /></Field>
        <Field id="starts_on" label="Starts on"><Input id="starts_on" type="date" value={form.starts_on} onChange={(e) => set("starts_on", e.target.value)} /></Field>
        <Field id="ends_on" label="Ends on"><Input id="ends_on" type="date" value={form.ends_on} onChange={(e) => set("ends_on", e.target.value)} /></Field>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium text-slate-800">Accounts and slots</legend>
        {accounts.length === 0 ? <p className="text-sm text-slate-600">Connect accounts first.</p> : null}
        {accounts.map((account) => {
          const slots = targets[account.id];
          return (
            <div key={account.id} className="rounded-md border border-slate-200 p-3">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={slots !== undefined} onChange={(e) => toggle(account.id, e.target.checked)} />
                {handle(account.username)} ({platformName(account.platform)})
              </label>
              {slots && form.schedule_mode === "slots" ? (
                <ul className="mt-2 flex flex-col gap-2" aria-label={`Slots of ${handle(account.username)}`}>
                  {slots.map((slot, index) => (
                    <li key={index} className="flex items-center gap-2">
                      <select aria-label="Weekday" value={slot.weekday} className="h-9 rounded-md border border-slate-300 px-2 text-sm"
                        onChange={(e) => setSlots(account.id, slots.map((s, i) => (i === index ? { ...s, weekday: Number(e.target.value) } : s)))}>
                        {WEEKDAYS.map((day, i) => <option key={day} value={i}>{day}</option>)}
                      </select>
                      <Input aria-label="Time" type="time" value={slot.time} className="w-32"
                        onChange={(e) => setSlots(account.id, slots.map((s, i) => (i === index ? { ...s, time: e.target.value } : s)))} />
                      <Button type="button" variant="ghost" size="sm" onClick={() => setSlots(account.id, slots.filter((_, i) => i !== index))}>Remove</Button>
                    </li>
                  ))}
                  <li>
                    <Button type="button" variant="secondary" size="sm" onClick={() => setSlots(account.id, [...slots, { weekday: 0, time: "12:00" }])}>Add a slot</Button>
                  </li>
                  <li>
                    <BestTimes
                      accountId={account.id}
                      timeZone={form.time_zone}
                      picked={slots}
                      onPick={(weekday, time) => {
                        if (!slots.some((s) => s.weekday === weekday && s.time === time)) setSlots(account.id, [...slots, { weekday, time }]);
                      }}
                    />
                  </li>
                </ul>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <PlatformChoices choices={choices} />
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
        <Field id="schedule_mode" label="Schedule">
          <select id="schedule_mode" value={form.schedule_mode} onChange={(e) => set("schedule_mode", e.target.value as "slots" | "cadence")} className="h-10 rounded-md border border-slate-300 px-2 text-sm">
            <option value="slots">Weekly slots</option>
            <option value="cadence">Cadence (posts per day)</option>
          </select>
        </Field>
        {form.schedule_mode === "cadence" ? <Field id="posts_per_day" label="Posts per day">{number("posts_per_day")}</Field> : null}
        <Field id="min_gap_minutes" label="Minimum gap (minutes)">{number("min_gap_minutes")}</Field>
        <Field id="blackout_dates" label="Blackout dates (YYYY-MM-DD, spaced)"><Input id="blackout_dates" value={form.blackout_dates} onChange={(e) => set("blackout_dates", e.target.value)} /></Field>
      </div>
      <Field id="caption_template" label="Caption template ({hook} {transcript} {title} {hashtags} {asset} {account})">
        <textarea id="caption_template" value={form.caption_template} onChange={(e) => set("caption_template", e.target.value)} rows={3} className="rounded-md border border-slate-300 p-2 text-sm" />
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field id="required_hashtags" label="Required hashtags"><Input id="required_hashtags" value={form.required_hashtags} onChange={(e) => set("required_hashtags", e.target.value)} /></Field>
        <Field id="source_tags" label="Source video tags"><Input id="source_tags" value={form.source_tags} onChange={(e) => set("source_tags", e.target.value)} /></Field>
        <Field id="source_asset_ids" label="Source video ids"><Input id="source_asset_ids" value={form.source_asset_ids} onChange={(e) => set("source_asset_ids", e.target.value)} /></Field>
      </div>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
        <Field id="approval_policy" label="Approval">
          <select id="approval_policy" value={form.approval_policy} onChange={(e) => set("approval_policy", e.target.value as "none" | "one" | "n")} className="h-10 rounded-md border border-slate-300 px-2 text-sm">
            <option value="none">None (publish on schedule)</option>
            <option value="one">One approver</option>
            <option value="n">Several approvers</option>
          </select>
        </Field>
        {form.approval_policy === "n" ? <Field id="approvals_required" label="Approvers needed">{number("approvals_required")}</Field> : null}
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={form.evergreen} onChange={(e) => set("evergreen", e.target.checked)} /> Evergreen recycling
        </label>
        {form.evergreen ? (
          <>
            <Field id="evergreen_cooldown_days" label="Cooldown (days)">{number("evergreen_cooldown_days")}</Field>
            <Field id="evergreen_max_reuses" label="Reuses at most">{number("evergreen_max_reuses")}</Field>
          </>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={saving}>{saving ? "Saving…" : "Save"}</Button>
      </div>
    </form>
  );
}
