export const ROLES = ['agent', 'supervisor', 'unit_staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in member of staff a request acts for. */
export interface StaffUser {
  id: string;
  username: string;
  role: Role;
  /** Set for `unit_staff`, who see only their unit's cases. */
  unitCode: string | null;
}
