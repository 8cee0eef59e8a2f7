// Staff roles, strongest first. A role may do everything the roles below it may.
import { STAFF_ROLES } from "@/lib/db/schema";

export type StaffRole = (typeof STAFF_ROLES)[number];

const RANK: Record<StaffRole, number> = { owner: 3, agent: 2, viewer: 1 };

export const isStaffRole = (v: unknown): v is StaffRole => STAFF_ROLES.includes(v as StaffRole);

/** Whether `role` may act where `minRole` is required (owner > agent > viewer). */
export function hasRole(role: StaffRole, minRole: StaffRole): boolean {
  return RANK[role] >= RANK[minRole];
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: "Owner",
  agent: "Agent",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  owner: "Everything, including staff, settings and rules",
  agent: "Decides requests, cancels orders, refunds and retries",
  viewer: "Reads the console; changes nothing",
};
