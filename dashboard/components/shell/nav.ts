import {
  Activity,
  BellRing,
  BookLock,
  CalendarDays,
  CheckCheck,
  Clapperboard,
  HeartPulse,
  Film,
  Gauge,
  LayoutDashboard,
  CalendarClock,
  Link2,
  Scale,
  Send,
  Server,
  Users,
  type LucideIcon,
} from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon; permission: string };

// Every page of the dashboard; an item shows only to roles with its permission.
export const NAV: NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard, permission: "workspace:read" },
  { href: "/videos", label: "Videos", icon: Film, permission: "assets:read" },
  { href: "/clips", label: "Clips", icon: Clapperboard, permission: "clips:read" },
  { href: "/jobs", label: "Jobs", icon: Activity, permission: "jobs:read" },
  { href: "/accounts", label: "Accounts", icon: Link2, permission: "accounts:read" },
  { href: "/campaigns", label: "Campaigns", icon: CalendarClock, permission: "campaigns:read" },
  { href: "/calendar", label: "Calendar", icon: CalendarDays, permission: "campaigns:read" },
  { href: "/approvals", label: "Approvals", icon: CheckCheck, permission: "campaigns:read" },
  { href: "/publications", label: "Publications", icon: Send, permission: "campaigns:read" },
  { href: "/scoring", label: "Scoring", icon: Gauge, permission: "rules:read" },
  { href: "/rules", label: "Platform rules", icon: Scale, permission: "rules:read" },
  { href: "/members", label: "Members", icon: Users, permission: "members:read" },
  { href: "/ledger", label: "Ledger", icon: BookLock, permission: "ledger:read" },
  { href: "/alerts", label: "Alerts", icon: BellRing, permission: "telemetry:read" },
  { href: "/health", label: "AI health", icon: HeartPulse, permission: "telemetry:read" },
  { href: "/workers", label: "Workers", icon: Server, permission: "telemetry:read" },
];
