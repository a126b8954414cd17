/**
 * Roles and named permissions, in the style of the Epic Stack: `action:entity:access`, where
 * access `own` covers what the user owns and `any` covers everything. The service layer checks
 * them (app/auth/guards.server.ts); the UI only uses them to hide what would be refused anyway.
 * A plain module, so that pages can ask the same question the server asks.
 */

/** The roles an account can have. A visitor (no account, or not signed in) has none. */
export const STORED_ROLES = ['member', 'gemeente', 'curator', 'admin'] as const;
export type StoredRole = (typeof STORED_ROLES)[number];
export type Role = 'visitor' | StoredRole;

export const ROLE_LABELS: Record<Role, string> = {
  visitor: 'bezoeker',
  member: 'lid',
  gemeente: 'gemeente',
  curator: 'curator',
  admin: 'beheerder',
};

export const PERMISSIONS = [
  'read:entry:any',
  'create:entry:own',
  'update:entry:own',
  'delete:entry:own',
  'update:entry:any',
  'delete:entry:any',
  'publish:entry:any',
  'create:introduction:own',
  'update:introduction:own',
  'update:introduction:any',
  'create:region-follow:own',
  'read:region-figures:own',
  'read:mail:any',
  'read:user:any',
  'update:user-role:any',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const visitor: Permission[] = ['read:entry:any'];
const member: Permission[] = [
  ...visitor,
  'create:entry:own',
  'update:entry:own',
  'delete:entry:own',
  // Ask for introductions on behalf of one's entries; answer those made to them.
  'create:introduction:own',
  'update:introduction:own',
  // Follow regions and get their weekly digest.
  'create:region-follow:own',
];
// Curators also broker introductions to entries nobody owns yet (the verbinder role).
const curator: Permission[] = [...member, 'update:entry:any', 'delete:entry:any', 'publish:entry:any', 'update:introduction:any'];

/** What each role may do. A role gets exactly what is listed here; nothing is implied by its rank. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  visitor,
  member,
  // Staff of a municipality (the role is given by an admin): region figures and exports for their region.
  gemeente: [...member, 'read:region-figures:own'],
  curator,
  admin: [...curator, 'read:mail:any', 'read:user:any', 'update:user-role:any'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isStoredRole(value: unknown): value is StoredRole {
  return typeof value === 'string' && (STORED_ROLES as readonly string[]).includes(value);
}
