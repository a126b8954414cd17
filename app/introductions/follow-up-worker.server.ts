import { errorMessage } from '~/utils/error-message';
import type { Introductions } from './introductions.server';

/** Due questions are days apart; an hourly look is soon enough and costs one indexed query. */
const FOLLOW_UP_INTERVAL_MS = 60 * 60 * 1000;

/** Asks the six-week follow-up question of partnerships as they come due: at start, then hourly. */
export function startFollowUpWorker(introductions: Introductions, log: (line: string) => void): { stop: () => void } {
  const run = () => {
    introductions.sendDueFollowUps().then(
      (asked) => {
        if (asked > 0) log(`follow-up: asked ${asked} partnership ${asked === 1 ? 'side' : 'sides'} whether it led to working together`);
      },
      (error: unknown) => log(`follow-up: could not send the questions (${errorMessage(error)}); trying again in an hour`),
    );
  };
  run();
  const timer = setInterval(run, FOLLOW_UP_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
