"use client";

import { HealthBrowser } from "@/components/operations/health-browser";
import { RequirePermission } from "@/components/operations/require";

export default function HealthPage() {
  return (
    <RequirePermission permission="telemetry:read" title="AI health">
      <HealthBrowser />
    </RequirePermission>
  );
}
