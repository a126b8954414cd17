import { describe, expect, it } from 'vitest';
import { signUpSchema } from '~/auth/auth-schemas';
import { hashPassword, verifyPassword } from '~/auth/passwords.server';
import { generateToken, hashToken, TOKEN_KINDS } from '~/auth/tokens.server';

describe('mailed tokens', () => {
  it('are 32 random bytes, base64url, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as their sha256 in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(generateToken())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expire after a day (verification) and an hour (password reset)', () => {
    expect(TOKEN_KINDS.emailVerification.lifetimeSeconds).toBe(24 * 60 * 60);
    expect(TOKEN_KINDS.passwordReset.lifetimeSeconds).toBe(60 * 60);
  });
});

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('correct paard batterij niet');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct paard batterij niet')).toBe(true);
    expect(await verifyPassword(hash, 'fout')).toBe(false);
    // No account: a dummy hash is checked, so it takes as long, and the answer is no.
    expect(await verifyPassword(null, 'correct paard batterij niet')).toBe(false);
    expect(await verifyPassword('geen hash', 'x')).toBe(false);
  });

  it('are checked by the shared sign-up schema, with Dutch messages', () => {
    const result = signUpSchema.safeParse({ name: ' ', email: 'geen-adres', password: 'kort', confirm: 'anders' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages).toMatchObject({
      name: 'Vul je naam in.',
      email: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
      password: 'Kies een wachtwoord van minstens 12 tekens.',
    });
    const ok = signUpSchema.parse({ name: 'An', email: ' An@Voorbeeld.NL ', password: 'x'.repeat(12), confirm: 'x'.repeat(12) });
    expect(ok.email).toBe('an@voorbeeld.nl');
    expect(
      signUpSchema.safeParse({ name: 'An', email: 'a@b.nl', password: 'x'.repeat(12), confirm: 'y'.repeat(12) }).error?.issues[0],
    ).toMatchObject({
      path: ['confirm'],
      message: 'De wachtwoorden zijn niet gelijk.',
    });
  });
});
