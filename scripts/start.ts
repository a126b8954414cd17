import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import type { AppServerEntry } from '../app/server/start-app.server';
import { errorMessage } from '../app/utils/error-message';

/**
 * `npm start`: loads the Remix server build and starts the app through it, so requests and the
 * background work share one set of app modules: one configuration, database handle, search client
 * and cache (docs/decisions/0008). Apart from one pure helper, only types come from app/ here.
 */

// React and Express choose their production behaviour from process.env.NODE_ENV when they load, so
// the configuration's default must be in place before they are imported (docs/decisions/0010).
process.env.NODE_ENV ||= 'production';
const { createHttpApp } = await import('./http-app');
const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
const { startApp } = build.entry.module as unknown as AppServerEntry;

let running: Awaited<ReturnType<AppServerEntry['startApp']>>;
try {
  running = await startApp();
} catch (error) {
  // A bad setting or an unusable database: one clear line, no stack trace.
  console.error(`Samenspel could not start: ${errorMessage(error)}`);
  process.exit(1);
}
const { services } = running;
const { config } = services;
if (!config.PUBLIC_URL && config.NODE_ENV !== 'development') {
  console.log(`PUBLIC_URL is not set: canonical links point to ${config.publicOrigin}`);
}

const server = createHttpApp({ build, services }).listen(config.PORT, () => {
  console.log(`Samenspel is running at http://localhost:${config.PORT} (${config.NODE_ENV})`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  server.close();
  await running.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
