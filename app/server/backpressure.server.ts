import type { ServerResponse } from 'node:http';

/**
 * Resolves once the response can take more (its buffer is below the high-water mark again) or
 * the client is gone. The Remix adapter writes a streamed body without waiting for a slow client,
 * so a long body would pile up in memory; a stream that awaits this before producing its next
 * chunk keeps to the client's pace. Polled, because the compression middleware hands `drain`
 * listeners to its own zlib stream.
 */
export function whenDrained(res: ServerResponse): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (res.writableNeedDrain && !res.destroyed) return;
      clearInterval(check);
      resolve();
    }, 25);
  });
}
