"use client";

import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Empty } from "@/components/ui/states";
import { useSession } from "@/lib/session";

/** A page for roles with `permission`; anyone else (who typed its address) is told why not. */
export function RequirePermission({ permission, title, children }: { permission: string; title: string; children: ReactNode }) {
  const { can } = useSession();
  if (can(permission)) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} />
      <Empty title="Your role does not show this page">Ask an admin of the workspace if you need it.</Empty>
    </>
  );
}
