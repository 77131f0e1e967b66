"use client";

import { Suspense } from "react";
import { JobsBrowser } from "@/components/jobs/jobs-browser";
import { Loading } from "@/components/ui/states";

export default function JobsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <JobsBrowser />
    </Suspense>
  );
}
