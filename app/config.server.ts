import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the app, read once and validated. `.env.example` lists them with their defaults;
 * a bad value stops the start with a message naming the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/samenspel.sqlite'),
  MEILI_DATA_DIR: z.string().min(1).default('data/meilisearch'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  GEO_DIR: z.string().min(1).default('db/geo'),
  GEO_YEAR: z.coerce.number().int().min(2020).max(2100).default(2025),
  TILE_URL: z.string().min(1).default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('Kaartgegevens &copy; Kadaster (PDOK BRT-Achtergrondkaart)'),
});

export type AppConfig = z.infer<typeof envSchema> & { databasePath: string; geoDir: string; meiliDataDir: string };

/** A setting that does not validate; its message names the variable and is meant to be shown as it is. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty variable counts as unset, as in most .env tooling.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return {
    ...parsed.data,
    databasePath: path.resolve(parsed.data.DATABASE_PATH),
    geoDir: path.resolve(parsed.data.GEO_DIR),
    meiliDataDir: path.resolve(parsed.data.MEILI_DATA_DIR),
  };
}
