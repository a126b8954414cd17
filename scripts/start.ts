import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import type { AppServerEntry } from '../app/server/start-app.server';
import { errorMessage } from '../app/utils/error-message';

/**
 * `npm start`: loads the Remix server build and starts the app through it, so requests and the
 * background work share one set of app modules: one configuration, database handle, search client
 * and cache (docs/decisions/0008). Apart from one pure helper, only types come from app/ here.
 */
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

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
app.all('*', createRequestHandler({ build, mode: services.config.NODE_ENV, getLoadContext: () => ({ services }) }));

const server = app.listen(services.config.PORT, () => {
  console.log(`Samenspel is running at http://localhost:${services.config.PORT}`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  server.close();
  await running.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
