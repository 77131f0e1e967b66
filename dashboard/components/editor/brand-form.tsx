"use client";

// The workspace's caption brand: a base preset with its own font, colours, size, position and
// case. Previewed over the player while it is edited; saved with PUT /v1/caption-brand, after
// which it is offered as the "Brand" preset.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { describe } from "@/lib/errors";
import { getBrand, setBrand } from "./editor-api";
import type { CaptionStyle, Preset } from "./logic";

const FONTS = ["DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif"];
const POSITIONS = [
  ["centre", "Centre"],
  ["lower", "Lower"],
  ["lower-third", "Lower third"],
] as const;

export type BrandDraft = {
  base: string;
  font: string;
  bold: boolean;
  size: number;
  colour: string;
  highlight_colour: string;
  outline_colour: string;
  box: boolean;
  position: string;
  uppercase: boolean;
};

/** A draft from the saved brand (or the base preset's own style when there is none). */
export function draftOf(brand: Record<string, unknown> | null, presets: readonly Preset[]): BrandDraft {
  const base = typeof brand?.base === "string" ? brand.base : (presets.find((p) => p.name !== "brand")?.name ?? "bold-centred");
  const style = { ...(presets.find((p) => p.name === base)?.style ?? {}), ...(brand ?? {}) } as CaptionStyle & Record<string, unknown>;
  return {
    base,
    font: style.font ?? "DejaVu Sans",
    bold: style.bold ?? true,
    size: style.size ?? 0.052,
    colour: style.colour ?? "#FFFFFF",
    highlight_colour: style.highlight_colour ?? "#FFD400",
    outline_colour: style.outline_colour ?? "#000000",
    box: style.box ?? false,
    position: style.position ?? "centre",
    uppercase: style.uppercase ?? false,
  };
}

/** The style the renderer would draw for a draft: its base preset with the draft on top. */
export function draftStyle(draft: BrandDraft, presets: readonly Preset[]): CaptionStyle {
  const { base, ...overrides } = draft;
  return { ...(presets.find((p) => p.name === base)?.style ?? {}), ...overrides };
}

export function BrandForm({ presets, onPreview }: { presets: readonly Preset[]; onPreview: (style: CaptionStyle | null) => void }) {
  const queryClient = useQueryClient();
  const brand = useQuery({ queryKey: ["caption-brand"], queryFn: getBrand });
  const [draft, setDraft] = useState<BrandDraft | null>(null);
  const save = useMutation({
    mutationFn: (value: BrandDraft) => setBrand({ ...value }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["caption-brand"], saved);
      await queryClient.invalidateQueries({ queryKey: ["caption-presets"] });
      setDraft(null);
      onPreview(null);
    },
  });
  useEffect(() => () => onPreview(null), [onPreview]);
  const bases = presets.filter((p) => p.name !== "brand");
  if (brand.isPending || brand.isError) return null;
  const shown = draft ?? draftOf(brand.data, presets);
  const change = (patch: Partial<BrandDraft>) => {
    const next = { ...shown, ...patch };
    setDraft(next);
    onPreview(draftStyle(next, presets));
  };

  return (
    <Card>
      <CardTitle>Caption brand</CardTitle>
      <p className="mt-1 text-xs text-slate-600">The workspace&apos;s own style, offered as the Brand preset. Previewed on the player as you change it.</p>
      <form
        className="mt-3 flex flex-col gap-2 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(shown);
        }}
      >
        <label className="flex flex-col gap-1 text-slate-800">
          Based on
          <select className="h-8 rounded-md border border-slate-300 px-2" value={shown.base} onChange={(e) => change({ base: e.target.value })}>
            {bases.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-slate-800">
          Font
          <select className="h-8 rounded-md border border-slate-300 px-2" value={shown.font} onChange={(e) => change({ font: e.target.value })}>
            {FONTS.map((font) => (
              <option key={font}>{font}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-slate-800">
          Position
          <select className="h-8 rounded-md border border-slate-300 px-2" value={shown.position} onChange={(e) => change({ position: e.target.value })}>
            {POSITIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-slate-800">
          Size ({(shown.size * 100).toFixed(1)}% of the height)
          <input type="range" min={0.025} max={0.09} step={0.001} value={shown.size} onChange={(e) => change({ size: Number(e.target.value) })} />
        </label>
        <div className="grid grid-cols-3 gap-2">
          {(
            [
              ["colour", "Text"],
              ["highlight_colour", "Highlight"],
              ["outline_colour", "Outline"],
            ] as const
          ).map(([field, label]) => (
            <label key={field} className="flex flex-col items-start gap-1 text-xs text-slate-800">
              {label}
              <input type="color" className="h-8 w-full" value={shown[field].toLowerCase()} onChange={(e) => change({ [field]: e.target.value.toUpperCase() })} />
            </label>
          ))}
        </div>
        {(
          [
            ["bold", "Bold"],
            ["uppercase", "Capitals"],
            ["box", "Box behind the lines"],
          ] as const
        ).map(([field, label]) => (
          <label key={field} className="flex items-center gap-2 text-slate-800">
            <input type="checkbox" checked={shown[field]} onChange={(e) => change({ [field]: e.target.checked })} />
            {label}
          </label>
        ))}
        {save.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {describe(save.error)}
          </p>
        ) : null}
        {save.isSuccess && !draft ? (
          <p role="status" className="text-sm text-emerald-800">
            Brand saved.
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" size="sm" disabled={save.isPending || !draft}>
            Save brand
          </Button>
          {draft ? (
            <Button
              type="button"
              size="sm"
              variant="secondary"
              onClick={() => {
                setDraft(null);
                onPreview(null);
              }}
            >
              Discard
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
