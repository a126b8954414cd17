import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '~/db/db.server';
import { deleteEndedSessions } from './lucia-adapter.server';

/** The two kinds of single-use tokens that are sent by mail, with the table and lifetime of each. */
export const TOKEN_KINDS = {
  emailVerification: { table: 'email_verification_tokens', lifetimeSeconds: 24 * 60 * 60 },
  passwordReset: { table: 'password_reset_tokens', lifetimeSeconds: 60 * 60 },
} as const;
export type TokenKind = keyof typeof TOKEN_KINDS;

/** 32 random bytes, URL-safe: what goes into the link. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored: a leaked table gives no usable link. sha256 suffices, as the token has 256 bits of entropy. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** Issues a token for the user, replacing any earlier one of the same kind (only the newest link works). */
export async function issueToken(db: DB, kind: TokenKind, userId: string, now = new Date()): Promise<string> {
  const { table, lifetimeSeconds } = TOKEN_KINDS[kind];
  const token = generateToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom(table).where('user_id', '=', userId).execute();
    await trx
      .insertInto(table)
      .values({ token_hash: hashToken(token), user_id: userId, expires_at: nowSeconds(now) + lifetimeSeconds })
      .execute();
  });
  return token;
}

/** The user a token belongs to while it is valid, without using it up (to show a form or a "link expired" page). */
export async function peekToken(db: DB, kind: TokenKind, token: string, now = new Date()): Promise<string | null> {
  const row = await db
    .selectFrom(TOKEN_KINDS[kind].table)
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', nowSeconds(now))
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Uses a token up: deletes it and returns its user when it existed and had not expired. The delete
 * is the check, so two requests with the same token cannot both succeed.
 */
export async function consumeToken(db: DB, kind: TokenKind, token: string, now = new Date()): Promise<string | null> {
  const { table } = TOKEN_KINDS[kind];
  const row = await db.deleteFrom(table).where('token_hash', '=', hashToken(token)).returning(['user_id', 'expires_at']).executeTakeFirst();
  return row && row.expires_at > nowSeconds(now) ? row.user_id : null;
}

/**
 * Removes expired tokens and sessions (at start-up): they can no longer be used, only leak when
 * kept. Lucia deletes an expired session when it comes back; these are the ones nobody came back with.
 */
export async function deleteExpiredCredentials(db: DB, now = new Date()): Promise<void> {
  for (const table of [TOKEN_KINDS.emailVerification.table, TOKEN_KINDS.passwordReset.table] as const) {
    await db.deleteFrom(table).where('expires_at', '<=', nowSeconds(now)).execute();
  }
  await deleteEndedSessions(db, now);
}
