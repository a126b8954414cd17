import { describe, expect, it } from 'vitest';
import { hasPermission, isStoredRole, PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Role } from '~/auth/permissions';

const can = (role: Role, permission: Permission) => hasPermission(role, permission);

describe('role → permissions table', () => {
  it('names every permission action:entity:access, with access own or any', () => {
    for (const permission of PERMISSIONS) expect(permission).toMatch(/^[a-z]+:[a-z-]+:(own|any)$/);
  });

  it('lets a visitor only read', () => {
    expect(ROLE_PERMISSIONS.visitor).toEqual(['read:entry:any']);
  });

  it('lets members change only their own entries', () => {
    expect(can('member', 'update:entry:own')).toBe(true);
    expect(can('member', 'update:entry:any')).toBe(false);
    expect(can('member', 'publish:entry:any')).toBe(false);
    expect(can('member', 'update:user-role:any')).toBe(false);
  });

  it('gives gemeente staff their region figures, and no curation', () => {
    expect(can('gemeente', 'read:region-figures:own')).toBe(true);
    expect(can('member', 'read:region-figures:own')).toBe(false);
    expect(can('gemeente', 'update:entry:any')).toBe(false);
  });

  it('lets curators review any entry but not manage users or read mail', () => {
    expect(can('curator', 'update:entry:any')).toBe(true);
    expect(can('curator', 'publish:entry:any')).toBe(true);
    expect(can('curator', 'update:user-role:any')).toBe(false);
    expect(can('curator', 'read:mail:any')).toBe(false);
  });

  it('gives admins every permission except the gemeente-bound one', () => {
    expect(PERMISSIONS.filter((permission) => !can('admin', permission))).toEqual(['read:region-figures:own']);
  });

  it('knows the stored roles only', () => {
    expect(['member', 'gemeente', 'curator', 'admin'].every(isStoredRole)).toBe(true);
    for (const value of ['visitor', 'Admin', 'superadmin', '', null, 1]) expect(isStoredRole(value)).toBe(false);
  });
});
