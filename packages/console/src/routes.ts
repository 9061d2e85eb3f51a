import type { ComponentType } from "react";
import type { Role } from "./api/session-api";

/** What every screen gets: the route's :params and the query string. */
export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface ScreenRoute {
  /** App path under /app, with :params. */
  path: string;
  title: string;
  /** The screen's module, loaded when first opened (each screen is its own chunk). */
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
  /** Who may open it; omitted = anyone signed in. */
  roles?: Role[];
  /** Reachable signed out (sign-in, invitation, password reset). */
  public?: boolean;
  /** Listed in the side navigation under this group. */
  nav?: "Work" | "Company" | "Portal" | "You";
}

export const COMPANY: Role[] = ["owner", "biller", "viewer"];
export const OWNER: Role[] = ["owner"];
export const PRACTICE: Role[] = ["practice"];

/**
 * The route table: one entry per screen, one file or folder per screen under src/screens/.
 * Order matters only for the navigation. See CONTRIBUTING-SCREENS.md.
 */
export const routes: ScreenRoute[] = [
  // Signed out
  { path: "/sign-in", title: "Sign in", public: true, load: () => import("./screens/sign-in/SignIn") },
  { path: "/accept", title: "Accept invitation", public: true, load: () => import("./screens/sign-in/Accept") },
  { path: "/reset", title: "Reset password", public: true, load: () => import("./screens/sign-in/Reset") },

  // The company's screens
  { path: "/", title: "Home", roles: COMPANY, nav: "Work", load: () => import("./screens/home/Home") },
  // Work screens (Queues, Claim, Send, Remittances, Patients) are added here by their own files.
  { path: "/queues", title: "Queues", roles: COMPANY, nav: "Work", load: () => import("./screens/queues/Queues") },
  { path: "/queues/:queue", title: "Queues", roles: COMPANY, load: () => import("./screens/queues/Queues") },
  { path: "/send", title: "Send", roles: COMPANY, nav: "Work", load: () => import("./screens/send/Send") },
  {
    path: "/follow-ups",
    title: "Follow-up queue",
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/follow-ups/FollowUps"),
  },
  { path: "/tasks", title: "My tasks", roles: COMPANY, nav: "Work", load: () => import("./screens/tasks/Tasks") },
  {
    path: "/remittances",
    title: "Remittances",
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/remittances/Remittances"),
  },
  {
    path: "/patients",
    title: "Patients",
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/patients/Patients"),
  },
  {
    path: "/statements",
    title: "Statements",
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/statements/Statements"),
  },
  {
    path: "/collections",
    title: "Collections",
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/collections/Collections"),
  },
  {
    path: "/eligibility",
    title: "Eligibility",
    // The company's screen; a practice's front desk checks through the API (eligibility.check).
    roles: COMPANY,
    nav: "Work",
    load: () => import("./screens/eligibility/Eligibility"),
  },
  {
    path: "/approvals",
    title: "Approvals",
    roles: OWNER,
    nav: "Work",
    load: () => import("./screens/approvals/Approvals"),
  },
  // A claim: company users and the claim's own practice (the API answers 404 for another practice's).
  { path: "/claims/:claimId", title: "Claim", load: () => import("./screens/claim/Claim") },
  {
    path: "/month-close",
    title: "Month close",
    roles: COMPANY,
    nav: "Company",
    load: () => import("./screens/month-close/MonthClose"),
  },
  {
    path: "/reports",
    title: "Reports",
    roles: COMPANY,
    nav: "Company",
    load: () => import("./screens/reports/Reports"),
  },
  {
    path: "/fees",
    title: "Fees & payers",
    roles: COMPANY,
    nav: "Company",
    load: () => import("./screens/fees/Fees"),
  },
  {
    // The fee earned against the work: owners only (the API's profitability.read).
    path: "/profitability",
    title: "Profitability",
    roles: OWNER,
    nav: "Company",
    load: () => import("./screens/profitability/Profitability"),
  },
  {
    path: "/settings",
    title: "Settings",
    roles: COMPANY,
    nav: "Company",
    load: () => import("./screens/settings/Settings"),
  },
  { path: "/settings/:section", title: "Settings", roles: COMPANY, load: () => import("./screens/settings/Settings") },

  // A practice user's
  {
    path: "/portal",
    title: "Practice portal",
    roles: PRACTICE,
    nav: "Portal",
    load: () => import("./screens/portal/Portal"),
  },

  // Everyone signed in
  { path: "/account", title: "Your account", nav: "You", load: () => import("./screens/account/Account") },
];

/** Where a user lands after signing in. */
export const homeOf = (role: Role) => (role === "practice" ? "/portal" : "/");
