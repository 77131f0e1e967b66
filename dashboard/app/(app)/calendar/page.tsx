"use client";

import { CalendarBoard } from "@/components/calendar/calendar-board";
import { RequirePermission } from "@/components/operations/require";

export default function CalendarPage() {
  return (
    <RequirePermission permission="campaigns:read" title="Calendar">
      <CalendarBoard />
    </RequirePermission>
  );
}
