import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on the account actions that can be abused: guessing passwords, creating accounts in bulk,
 * flooding someone's mailbox with reset links. Each action is limited per IP address and per
 * account (the normalised e-mail address, whether or not it has an account, so the limit itself
 * reveals nothing). In memory: right for the one app instance; several instances need a shared store (docs/decisions/0013).
 */
const LIMITS = {
  // Six wrong passwords within a minute: the account is closed for five minutes. Successful
  // sign-ins are given back, so an office behind one address is limited by its failures only.
  signInAccount: { points: 5, duration: 60, blockDuration: 5 * 60 },
  signInIp: { points: 30, duration: 15 * 60, blockDuration: 15 * 60 },
  signUpAccount: { points: 3, duration: 60 * 60 },
  signUpIp: { points: 10, duration: 60 * 60 },
  resetAccount: { points: 3, duration: 60 * 60 },
  resetIp: { points: 10, duration: 60 * 60 },
  // Introductions land in other people's inboxes and mailboxes: a day's worth of real ones, not a mailing.
  introduceAccount: { points: 10, duration: 24 * 60 * 60 },
  introduceIp: { points: 30, duration: 24 * 60 * 60 },
  // Invitations go to any address: enough to invite a board, too few to use the site as a mailer.
  inviteAccount: { points: 10, duration: 24 * 60 * 60 },
  inviteIp: { points: 30, duration: 24 * 60 * 60 },
} as const;

export type LimitedAction = 'signIn' | 'signUp' | 'reset' | 'introduce' | 'invite';

export type RateLimits = {
  /**
   * Counts an attempt against the address and the account; null when allowed, otherwise the
   * seconds until the next attempt may be made.
   */
  attempt(action: LimitedAction, ip: string, account: string): Promise<number | null>;
  /** A successful attempt: forgets the account's failed ones and gives the address its point back. */
  forgive(action: LimitedAction, ip: string, account: string): Promise<void>;
};

export function createRateLimits(): RateLimits {
  const limiters = Object.fromEntries(
    Object.entries(LIMITS).map(([keyPrefix, options]) => [keyPrefix, new RateLimiterMemory({ keyPrefix, ...options })]),
  ) as Record<keyof typeof LIMITS, RateLimiterMemory>;

  return {
    async attempt(action, ip, account) {
      const results = await Promise.allSettled([limiters[`${action}Ip`].consume(ip), limiters[`${action}Account`].consume(account)]);
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      if (refused.length === 0) return null;
      // Anything but a limiter's answer is a fault of ours, not a reason to let the attempt through.
      const waits = refused.map((reason) => {
        if (reason instanceof RateLimiterRes) return reason.msBeforeNext;
        throw reason;
      });
      return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    },
    async forgive(action, ip, account) {
      await limiters[`${action}Account`].delete(account);
      await limiters[`${action}Ip`].reward(ip, 1);
    },
  };
}
