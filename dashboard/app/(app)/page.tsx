"use client";

import { PageHeader } from "@/components/ui/page-header";
import { useSession } from "@/lib/session";

export default function OverviewPage() {
  const { workspace } = useSession();
  return <PageHeader title="Overview" description={`Workspace ${workspace.workspace_name}`} />;
}
