// The telemetry, alerts and AI health types the dashboard uses, named once: the generated
// schema's (`make clients`), under the names the pages speak of.
import type { operations, Schemas } from "@stakazo/api-client";

export type Snapshot = Schemas["Snapshot"];
export type WorkerStatus = Schemas["WorkerStatus"];
export type ActiveTask = Schemas["ActiveTask"];
export type Series = Schemas["Series"];
export type SeriesPoint = Schemas["SeriesPoint"];

export type Alert = Schemas["AlertOut"];
export type Severity = Alert["severity"];
export type AlertState = Alert["state"];
export type AlertFilters = NonNullable<operations["alerts-list"]["parameters"]["query"]>;

/** A run as the list shows it (no findings); RunDetail is one run with its report. */
export type HealthRun = Schemas["RunOut"];
export type RunDetail = Schemas["RunDetail"];
export type RunState = HealthRun["state"];
export type Finding = Schemas["Finding"];
export type CitedAnswer = Schemas["CitedAnswer"];
export type RunFilters = NonNullable<operations["ai-health-list-runs"]["parameters"]["query"]>;
