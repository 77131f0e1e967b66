"use client";

// Recharts lives only here, loaded with next/dynamic by the clip page.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ContributionRow } from "./contributions";

export default function ContributionChart({ rows, label }: { rows: ContributionRow[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ left: 16, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fill: "#334155", fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={110} tick={{ fill: "#334155", fontSize: 12 }} />
          <ReferenceLine x={0} stroke="#475569" />
          <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(3) : String(value))} />
          <Bar dataKey="contribution" name="Contribution" isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.feature} fill={row.contribution < 0 ? "#b91c1c" : "#2563eb"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
