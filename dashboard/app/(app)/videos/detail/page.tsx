"use client";

import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { Loading } from "@/components/ui/states";
import { PageHeader } from "@/components/ui/page-header";
import { VideoDetail } from "@/components/videos/video-detail";

function Detail() {
  const id = useSearchParams().get("id");
  if (!id) {
    return (
      <>
        <PageHeader title="Video" />
        <p className="text-sm text-slate-700">No video was named. Open one from the list of videos.</p>
      </>
    );
  }
  return <VideoDetail key={id} id={id} />;
}

export default function VideoDetailPage() {
  return (
    <Suspense fallback={<Loading label="Loading the video…" />}>
      <Detail />
    </Suspense>
  );
}
