import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startMeilisearch } from '../../app/search/meilisearch-process.server';
import { tempPath } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

/** Starts one real Meilisearch process for the integration tests. */
export default async function setup(project: TestProject) {
  const dataDir = tempPath('meili');
  const server = await startMeilisearch({ dataDir, quiet: true });
  project.provide('meiliUrl', server.url);
  project.provide('meiliKey', server.masterKey);
  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
