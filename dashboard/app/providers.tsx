"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiProblem } from "@/lib/errors";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // The event stream keeps what is on screen fresh; polling is not needed.
            staleTime: 30_000,
            refetchOnWindowFocus: false,
            // A refusal (4xx) will not change by asking again; a network error might.
            retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
