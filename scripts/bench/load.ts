import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Instance } from 'autocannon';
import { z } from 'zod';
import { freePort } from '../../app/search/meilisearch-process.server';
import { errorMessage } from '../../app/utils/error-message';

/**
 * `npm run load -- [--duration 20] [--warmup 10] [--rate 100] [--connections 50] [--cpu-prof]`: the built app
 * under a mix of requests (home page, search API, detail page, map clusters), once at a fixed rate
 * and once at saturation. It runs the app as `npm start` does, on its own port, database
 * (data/load, demo data) and local Meilisearch, and stops them however it ends.
 * Not a test: it prints requests/s, p50/p99 and errors per route and overall, against the target.
 */

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    connections: { type: 'string', default: '50' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const options = z
  .object({
    duration: z.coerce.number().int().min(1).max(600),
    warmup: z.coerce.number().int().min(0).max(600),
    rate: z.coerce.number().int().min(1).max(1_000),
    connections: z.coerce.number().int().min(1).max(1_000),
    'cpu-prof': z.boolean(),
  })
  .parse(values);

/** Issue 8: the mix at 50 connections before the fix, and what a fixed rate of 100 requests/s must meet. */
const BASELINE = { rps: 110, p99: 1_500, homeP50: 1_000 };
const TARGET = { rate: 100, p99: 250 };

const DIR = path.resolve('data/load');
const PROFILE_DIR = path.join(DIR, 'profiles');

type Route = { name: string; share: number; paths: string[] };

/** The mix: shares of the requests, and the URLs each route cycles through (all with results on the demo data). */
function routes(slugs: string[]): Route[] {
  return [
    { name: 'home', share: 0.4, paths: ['/', '/?q=dementie', '/?kind=initiatief&theme=VITAAL', '/?q=mantelzorgers&sort=name'] },
    {
      name: 'api/entries',
      share: 0.3,
      paths: ['/api/entries?q=dementie', '/api/entries?kind=coalitie&theme=SAMEN', '/api/entries?q=mantelzorg&kind=initiatief'],
    },
    { name: 'entry detail', share: 0.15, paths: slugs.map((slug) => `/entries/${encodeURIComponent(slug)}`) },
    {
      name: 'map clusters',
      share: 0.15,
      paths: [
        '/api/map/clusters?bbox=3.2,50.7,7.3,53.6&zoom=7',
        '/api/map/clusters?bbox=4.5,51.5,6.0,52.5&zoom=9&kind=initiatief',
        '/api/map/clusters?bbox=3.2,50.7,7.3,53.6&zoom=8&q=dementie',
      ],
    },
  ];
}

// --- The app: its own process group, stopped however this script ends --------------------------

let app: { group: number; exited: Promise<void>; alive: () => boolean } | undefined;

async function stopApp(): Promise<void> {
  if (!app) return;
  const { group, exited, alive } = app;
  if (alive()) {
    process.kill(group, 'SIGTERM');
    const kill = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, 15_000);
    await exited;
    clearTimeout(kill);
  }
  app = undefined;
}

// A last resort when the script dies without stopping the app (it shuts down Meilisearch itself).
process.on('exit', () => {
  if (app?.alive()) process.kill(app.group, 'SIGTERM');
});
// `npm run load` runs this file with node itself, not through the tsx wrapper, which would SIGKILL it
// when it does not acknowledge a signal within 30 ms (a busy machine) and so leave the app running.
let interrupted = false;
/** The autocannon runs in progress, stopped on a signal. */
const running = new Set<Instance>();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`load: ${signal}, stopping the app and its Meilisearch`);
    for (const instance of running) instance.stop();
    void stopApp().finally(() => process.exit(128 + os.constants.signals[signal]));
  });
}

function requireBuild(): void {
  const buildFile = path.resolve('build/index.js');
  if (!fs.existsSync(buildFile)) {
    throw new Error('No build/index.js: "npm run load" measures the built app; run "npm run build" first.');
  }
  const builtAt = fs.statSync(buildFile).mtimeMs;
  const newer = fs.readdirSync('app', { recursive: true, encoding: 'utf8' }).find((file) => {
    const stat = fs.statSync(path.join('app', file), { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.mtimeMs > builtAt;
  });
  if (newer) console.warn(`load: build/index.js is older than app/${newer}; run "npm run build" to measure the current code`);
}

/** Starts the built app like `npm start`, with a local Meilisearch, and waits until it is healthy with an empty outbox. */
async function startApp(): Promise<string> {
  const port = await freePort();
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  // `tsx scripts/start.ts`, as node's own arguments so that a CPU profile can be asked for (not allowed in NODE_OPTIONS).
  const profile = options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: path.join(DIR, 'samenspel.sqlite'),
      MEILI_DATA_DIR: path.join(DIR, 'meilisearch'),
      // Empty counts as unset: the app starts its own Meilisearch, whatever the shell has.
      MEILI_URL: '',
      MEILI_MASTER_KEY: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: the app and its Meilisearch are stopped together.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  app = { group: -child.pid!, exited, alive };
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!alive()) throw new Error(`The app exited during start-up:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`The app was not healthy within 180 s:\n${stderr}`);
    const health = await fetch(`${baseUrl}/healthz`)
      .then((response) => response.json() as Promise<{ status?: string; search?: { outboxBacklog?: number } }>)
      .catch(() => null);
    if (health?.status === 'ok' && health.search?.outboxBacklog === 0) return baseUrl;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// --- Measuring ---------------------------------------------------------------------------------

/**
 * CPU time (ms) used so far by the app's processes, split into the app and its Meilisearch, from
 * /proc (Linux; null elsewhere). Per request it is a steadier figure than latency on a shared machine.
 */
function groupCpu(group: number): { app: number; search: number } | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const used = { app: 0, search: 0 };
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // Fields after "pid (comm) ": state ppid pgrp … utime (14th field) stime (15th).
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== -group) continue;
    // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    used[comm.startsWith('meilisearch') ? 'search' : 'app'] += ms;
  }
  return used;
}

type RouteStats = { name: string; latencies: number[]; non2xx: number; socketErrors: number };

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

type Runner = { route: number; delayMs: number; load: { overallRate: number; connections: number } | { connections: number } };

/**
 * Who sends what. At a fixed rate: one connection per request per second, each sending once a
 * second (autocannon paces per connection and second), started evenly spread over the second and
 * assigned to the routes in turn by share, so that requests arrive evenly rather than in bursts.
 * At saturation: a share of the connections per route, each sending as soon as it has its answer.
 */
function runners(mix: Route[], load: { rate: number } | { connections: number }): Runner[] {
  if ('connections' in load) {
    return mix.map((route, i) => ({
      route: i,
      delayMs: 0,
      load: { connections: Math.max(1, Math.round(load.connections * route.share)) },
    }));
  }
  const assigned = mix.map(() => 0);
  return Array.from({ length: load.rate }, (_, slot) => {
    // The route furthest behind its share so far.
    const behind = mix.map((route, i) => route.share * (slot + 1) - assigned[i]!);
    const route = behind.indexOf(Math.max(...behind));
    assigned[route]!++;
    return { route, delayMs: (slot * 1000) / load.rate, load: { overallRate: 1, connections: 1 } };
  });
}

/** Runs every runner for the phase's duration; latencies are recorded per response, uncorrected. */
async function runPhase(
  baseUrl: string,
  mix: Route[],
  load: { rate: number } | { connections: number },
  duration = options.duration,
): Promise<RouteStats[]> {
  const stats: RouteStats[] = mix.map((route) => ({ name: route.name, latencies: [], non2xx: 0, socketErrors: 0 }));
  await Promise.all(
    runners(mix, load).map(async ({ route, delayMs, load: connections }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const routeStats = stats[route]!;
      await new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: baseUrl,
            duration,
            timeout: 10,
            requests: mix[route]!.paths.map((p) => ({ method: 'GET', path: p })),
            ...connections,
          },
          (error) => {
            running.delete(instance);
            if (error) reject(error);
            else resolve();
          },
        );
        running.add(instance);
        instance.on('response', (_client, status, _bytes, ms) => {
          routeStats.latencies.push(ms);
          if (status < 200 || status > 299) routeStats.non2xx++;
        });
        instance.on('reqError', () => routeStats.socketErrors++);
      });
    }),
  );
  return stats;
}

type Summary = { name: string; requests: number; rps: number; p50: number; p99: number; non2xx: number; socketErrors: number };

function summarise(name: string, latencies: number[], non2xx: number, socketErrors: number): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    requests: sorted.length,
    rps: sorted.length / options.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx,
    socketErrors,
  };
}

const fmtMs = (value: number) => (Number.isNaN(value) ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

type PhaseCpu = { app: number; search: number; generator: number };

function printPhase(title: string, routeStats: RouteStats[], cpu: PhaseCpu | null): Summary {
  const rows = routeStats.map((route) => summarise(route.name, route.latencies, route.non2xx, route.socketErrors));
  const overall = summarise(
    'overall',
    routeStats.flatMap((route) => route.latencies),
    rows.reduce((sum, row) => sum + row.non2xx, 0),
    rows.reduce((sum, row) => sum + row.socketErrors, 0),
  );
  console.log(`\n${title}`);
  const header = ['route', 'requests', 'req/s', 'p50', 'p99', 'non-2xx', 'socket errors'];
  const cells = [...rows, overall].map((row) => [
    row.name,
    String(row.requests),
    row.rps.toFixed(1),
    fmtMs(row.p50),
    fmtMs(row.p99),
    String(row.non2xx),
    String(row.socketErrors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of cells) console.log(line(row));
  if (cpu && overall.requests > 0) {
    const share = (ms: number) => `${((100 * ms) / (options.duration * 1000)).toFixed(0)}%`;
    console.log(
      `CPU per request: app ${(cpu.app / overall.requests).toFixed(1)} ms, Meilisearch ${(cpu.search / overall.requests).toFixed(1)} ms ` +
        `(of one core: app ${share(cpu.app)}, Meilisearch ${share(cpu.search)}, load generator ${share(cpu.generator)})`,
    );
  }
  return overall;
}

/** Now as a multiple of the baseline. */
const times = (now: number, baseline: number) => `×${(now / baseline).toFixed(2)}`;

try {
  requireBuild();
  // Latencies depend on what else runs: say how busy the machine was.
  console.log(`load: machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`);
  console.log(`load: starting the built app on data/load (demo data, its own Meilisearch)${options['cpu-prof'] ? ', CPU profile on' : ''}`);
  const baseUrl = await startApp();
  const listing = (await (await fetch(`${baseUrl}/api/entries?sort=name&per_page=3`)).json()) as { hits: Array<{ slug: string }> };
  const mix = routes(listing.hits.map((hit) => hit.slug));

  // Warm-up and check: every URL must answer 200 before anything is measured.
  for (const url of mix.flatMap((route) => route.paths)) {
    const response = await fetch(baseUrl + url);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  }
  console.log(`load: ${mix.map((route) => `${route.name} ${Math.round(route.share * 100)}%`).join(', ')}; ${options.duration} s per phase`);

  /** A phase with the CPU time the app and Meilisearch used during it. */
  const measured = async (load: { rate: number } | { connections: number }) => {
    const before = groupCpu(app!.group);
    const generator = process.cpuUsage();
    const stats = await runPhase(baseUrl, mix, load);
    if (interrupted) throw new Error('interrupted');
    const { user, system } = process.cpuUsage(generator);
    const after = groupCpu(app!.group);
    const cpu =
      before && after ? { app: after.app - before.app, search: after.search - before.search, generator: (user + system) / 1000 } : null;
    return { stats, cpu };
  };
  // Not measured: the first seconds fill the caches (search answers, cluster indexes, proposals) and
  // let V8 optimise the hot paths, as any server that has been up a while has done.
  if (options.warmup > 0) {
    console.log(`load: warming up for ${options.warmup} s at ${options.rate} requests/s (not counted)`);
    await runPhase(baseUrl, mix, { rate: options.rate }, options.warmup);
  }
  const fixedRun = await measured({ rate: options.rate });
  const fixed = printPhase(`Fixed rate: ${options.rate} requests/s`, fixedRun.stats, fixedRun.cpu);
  const saturationRun = await measured({ connections: options.connections });
  const saturationStats = saturationRun.stats;
  const saturation = printPhase(`Saturation: ${options.connections} connections`, saturationStats, saturationRun.cpu);
  const homeLatencies = saturationStats.find((route) => route.name === 'home')!.latencies;
  const home = summarise('home', homeLatencies, 0, 0);

  const errors = fixed.non2xx + fixed.socketErrors;
  // A rate the app could not keep up with (each connection waits for its answer) does not count.
  const met = fixed.p99 < TARGET.p99 && errors === 0 && options.rate >= TARGET.rate && fixed.rps >= 0.95 * options.rate;
  console.log(
    `\nTarget: at ${TARGET.rate} requests/s of the mix, p99 < ${TARGET.p99} ms and 0 errors → ` +
      `${fixed.rps.toFixed(0)} requests/s achieved, p99 ${fmtMs(fixed.p99)}, ${errors} errors: ${met ? 'met' : 'NOT met'}`,
  );
  console.log(
    `Baseline (issue 8, 50 connections): ${BASELINE.rps} requests/s, p99 ${fmtMs(BASELINE.p99)}, home p50 ${fmtMs(BASELINE.homeP50)}\n` +
      `Now (${options.connections} connections, × the baseline): ${saturation.rps.toFixed(0)} requests/s (${times(saturation.rps, BASELINE.rps)}), ` +
      `p99 ${fmtMs(saturation.p99)} (${times(saturation.p99, BASELINE.p99)}), home p50 ${fmtMs(home.p50)} (${times(home.p50, BASELINE.homeP50)})`,
  );
} catch (error) {
  if (!interrupted) console.error(`load: ${errorMessage(error)}`);
  process.exitCode = 1;
} finally {
  await stopApp();
  if (options['cpu-prof']) console.log(`load: CPU profiles in ${path.relative(process.cwd(), PROFILE_DIR)}`);
}
