/**
 * How long a sign-in lasts. A session ends after 30 days without use (Lucia renews it while it is
 * used) and at the latest 90 days after signing in, so a stolen cookie cannot be kept alive by use.
 */
export const SESSION_IDLE_DAYS = 30;
export const SESSION_MAX_DAYS = 90;

const DAY_SECONDS = 24 * 60 * 60;

/** Sessions created at or before this moment (seconds since the epoch) have ended. */
export const sessionSignInCutoff = (nowSeconds: number) => nowSeconds - SESSION_MAX_DAYS * DAY_SECONDS;
