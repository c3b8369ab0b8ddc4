import type { Role } from "@/lib/generated/prisma/enums";

export const STAFF_ROLES: readonly Role[] = ["OPERATOR", "FINANCE", "ADMIN"];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** Map the IdP's role claim (student/operator/finance/admin, any case) to our Role. */
export function roleFromClaim(value: unknown): Role {
  const v = String(Array.isArray(value) ? value[0] : (value ?? "")).trim().toUpperCase();
  return v === "OPERATOR" || v === "FINANCE" || v === "ADMIN" ? v : "STUDENT";
}
