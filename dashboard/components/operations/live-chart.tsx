"use client";

// Recharts lives only here, loaded with next/dynamic by the overview.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type ChartFormat, type ChartRow } from "./chart-data";

const COLOURS = ["#2563eb", "#059669", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#475569"];
const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });

export type LiveChartProps = { label: string; rows: ChartRow[]; lines: { key: string; name: string }[]; format: ChartFormat };

export default function LiveChart({ label, rows, lines, format }: LiveChartProps) {
  return (
    <div role="img" aria-label={label} className="h-48 w-full" data-points={rows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ left: 0, right: 12, top: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(at: number) => clock.format(at)}
            tick={{ fill: "#334155", fontSize: 12 }}
          />
          <YAxis
            width={48}
            // A quiet hour is a flat line at the bottom of a small scale, not at 0 of 0–400 %.
            domain={[0, (max: number) => Math.max(max, format === "percent" ? 0.1 : 4)]}
            allowDecimals={format === "percent"}
            tickFormatter={(value: number) => (format === "percent" ? `${Number((value * 100).toFixed(1))}%` : String(value))}
            tick={{ fill: "#334155", fontSize: 12 }}
          />
          <Tooltip
            labelFormatter={(at) => (typeof at === "number" ? clock.format(at) : String(at))}
            formatter={(value) => (typeof value === "number" ? formatValue(value, format) : String(value))}
          />
          {lines.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {lines.map((line, index) => (
            <Line
              key={line.key}
              dataKey={line.key}
              name={line.name}
              type="monotone"
              dot={false}
              stroke={COLOURS[index % COLOURS.length]}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
