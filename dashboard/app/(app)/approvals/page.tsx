"use client";

import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { RequirePermission } from "@/components/operations/require";

export default function ApprovalsPage() {
  return (
    <RequirePermission permission="campaigns:read" title="Approvals">
      <ApprovalQueue />
    </RequirePermission>
  );
}
