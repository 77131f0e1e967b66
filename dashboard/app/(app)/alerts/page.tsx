"use client";

import { Suspense } from "react";
import { AlertsBrowser } from "@/components/operations/alerts-browser";
import { RequirePermission } from "@/components/operations/require";
import { Loading } from "@/components/ui/states";

export default function AlertsPage() {
  return (
    <RequirePermission permission="telemetry:read" title="Alerts">
      <Suspense fallback={<Loading />}>
        <AlertsBrowser />
      </Suspense>
    </RequirePermission>
  );
}
