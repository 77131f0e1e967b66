"use client";

import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { Loading } from "@/components/ui/states";
import { EventStreamProvider } from "@/lib/event-stream";
import { SessionProvider } from "@/lib/session";

export default function SignedInLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider fallback={<Loading label="Opening your workspace…" />}>
      <EventStreamProvider>
        <AppShell>{children}</AppShell>
      </EventStreamProvider>
    </SessionProvider>
  );
}
