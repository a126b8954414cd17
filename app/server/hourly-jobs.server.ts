import { errorMessage } from '~/utils/error-message';

/** Mail that falls due days apart (follow-up questions, weekly digests): an hourly look is soon enough. */
const INTERVAL_MS = 60 * 60 * 1000;

export type HourlyJob = {
  name: string;
  /** Does what is due; returns how many things it did. */
  run: () => Promise<number>;
  /** The log line for a run that did something. */
  report: (done: number) => string;
};

/** Runs each job at start and then hourly, one after the other; a failure is logged and retried next hour. */
export function startHourlyJobs(jobs: HourlyJob[], log: (line: string) => void): { stop: () => void } {
  const runAll = async () => {
    for (const job of jobs) {
      try {
        const done = await job.run();
        if (done > 0) log(`${job.name}: ${job.report(done)}`);
      } catch (error) {
        log(`${job.name}: failed (${errorMessage(error)}); trying again in an hour`);
      }
    }
  };
  void runAll();
  const timer = setInterval(() => void runAll(), INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
