import { generateIdFromEntropySize } from 'lucia';
import type { DB } from '~/db/db.server';
import { hashPassword } from './passwords.server';
import type { StoredRole } from './permissions';

/**
 * The demo curator and admin, created with the demo entries in a new database when DEMO_DATA is on.
 * Their passwords are in the README: for local use only.
 */
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; password: string; role: StoredRole }> = [
  { email: 'curator@samenspel.test', name: 'Demo-curator', password: 'samenspel-demo-curator', role: 'curator' },
  { email: 'beheer@samenspel.test', name: 'Demo-beheerder', password: 'samenspel-demo-beheer', role: 'admin' },
];

/** Creates the demo accounts that are missing (verified, so they can sign in at once); returns how many. */
export async function createDemoAccounts(db: DB): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const result = await db
      .insertInto('users')
      .values({
        id: generateIdFromEntropySize(10),
        email: account.email,
        name: account.name,
        role: account.role,
        password_hash: await hashPassword(account.password),
        email_verified_at: new Date().toISOString(),
      })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return created;
}
