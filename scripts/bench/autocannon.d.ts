/** The part of autocannon 8 (which ships no types) that `npm run load` uses. */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  };

  export type Options = {
    url: string;
    /** Seconds. */
    duration?: number;
    connections?: number;
    /** Requests per second over all connections (autocannon paces each connection per second). */
    overallRate?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    requests?: Request[];
  };

  export type Result = { duration: number; requests: { total: number }; errors: number; timeouts: number };

  export interface Instance extends EventEmitter {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    on(event: 'reqError', listener: (error: Error) => void): this;
    on(event: 'done', listener: (result: Result) => void): this;
    stop(): void;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
