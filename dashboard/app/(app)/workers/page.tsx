"use client";

import { RequirePermission } from "@/components/operations/require";
import { WorkersView } from "@/components/operations/workers-table";

export default function WorkersPage() {
  return (
    <RequirePermission permission="telemetry:read" title="Workers">
      <WorkersView />
    </RequirePermission>
  );
}
