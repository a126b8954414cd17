import path from 'node:path';
import { z } from 'zod';

/** Environment configuration, read once and validated: a bad value stops the process with a clear message. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/samenspel.sqlite'),
  MEILI_DATA_DIR: z.string().min(1).default('data/meilisearch'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  GEO_DIR: z.string().min(1).default('db/geo'),
  GEO_YEAR: z.coerce.number().int().min(2020).max(2100).default(2025),
  TILE_URL: z
    .string()
    .min(1)
    .default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('Kaartgegevens &copy; Kadaster (PDOK BRT-Achtergrondkaart)'),
});

export type AppConfig = z.infer<typeof envSchema> & { databasePath: string; geoDir: string; meiliDataDir: string };

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return {
    ...parsed.data,
    databasePath: path.resolve(parsed.data.DATABASE_PATH),
    geoDir: path.resolve(parsed.data.GEO_DIR),
    meiliDataDir: path.resolve(parsed.data.MEILI_DATA_DIR),
  };
}

let shared: AppConfig | undefined;

/** The process-wide configuration, read on first use. */
export function getConfig(): AppConfig {
  shared ??= readConfig();
  return shared;
}
