"use client";

import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { RequirePermission } from "@/components/operations/require";
import { RunDetail } from "@/components/operations/run-detail";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, Loading } from "@/components/ui/states";

function RunFromAddress() {
  const id = useSearchParams().get("id");
  if (!id)
    return (
      <>
        <PageHeader title="Health check" />
        <Empty title="No health check chosen">
          Pick one on the <a className="font-medium text-brand-700 underline" href="/health">AI health</a> page.
        </Empty>
      </>
    );
  return <RunDetail runId={id} />;
}

export default function HealthDetailPage() {
  return (
    <RequirePermission permission="telemetry:read" title="Health check">
      <Suspense fallback={<Loading />}>
        <RunFromAddress />
      </Suspense>
    </RequirePermission>
  );
}
