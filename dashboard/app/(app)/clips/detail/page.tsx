"use client";

import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { ClipDetailView } from "@/components/clips/clip-detail";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, Loading } from "@/components/ui/states";

function ClipFromAddress() {
  const id = useSearchParams().get("id");
  if (!id)
    return (
      <>
        <PageHeader title="Clip" />
        <Empty title="No clip chosen">
          Pick one on the <a className="font-medium text-brand-700 underline" href="/clips">Clips</a> page.
        </Empty>
      </>
    );
  return <ClipDetailView clipId={id} />;
}

export default function ClipDetailPage() {
  return (
    <Suspense fallback={<Loading />}>
      <ClipFromAddress />
    </Suspense>
  );
}
