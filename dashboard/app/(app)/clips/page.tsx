"use client";

import { Suspense } from "react";
import { ClipsBrowser } from "@/components/clips/clips-browser";
import { Loading } from "@/components/ui/states";

export default function ClipsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <ClipsBrowser />
    </Suspense>
  );
}
