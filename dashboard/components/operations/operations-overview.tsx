"use client";

import { LiveCharts } from "./live-charts";
import { HealthScoreCard, OpenAlertsCard } from "./overview-cards";

/** The overview's operations part: for roles that may read telemetry. */
export function OperationsOverview() {
  return (
    <>
      <section aria-labelledby="health-heading" className="mb-8">
        <h2 id="health-heading" className="sr-only">
          System health
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <HealthScoreCard />
          <OpenAlertsCard />
        </div>
      </section>
      <LiveCharts />
    </>
  );
}
