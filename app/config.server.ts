import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the app, read once and validated. `.env.example` lists them with their defaults;
 * a bad value stops the start with a message naming the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Only an origin: the app is served from the root of its host.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'Invalid URL: give an origin such as https://samenspel.example.nl' })
    .refine(
      (value) => !URL.canParse(value) || (new URL(value).pathname === '/' && !/[?#]/.test(value)),
      'only an origin, without path, query or fragment',
    )
    .optional(),
  DATABASE_PATH: z.string().min(1).default('data/samenspel.sqlite'),
  MEILI_DATA_DIR: z.string().min(1).default('data/meilisearch'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  // Memory for search answers kept per index version (identical searches answered without Meilisearch); 0 turns it off.
  SEARCH_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  GEO_DIR: z.string().min(1).default('db/geo'),
  GEO_YEAR: z.coerce.number().int().min(2020).max(2100).default(2025),
  // Its host goes into the Content-Security-Policy (img-src), so it must be an absolute http(s) URL.
  TILE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+\//, 'an absolute http(s) URL template such as https://tiles.example.nl/{z}/{x}/{y}.png')
    .default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('Kaartgegevens &copy; Kadaster (PDOK BRT-Achtergrondkaart)'),
  // Express's "trust proxy": which proxies in front of the app may name the client's address in
  // X-Forwarded-For (rate limits count per address). A hop count such as 1, or addresses/subnets
  // such as loopback, 10.0.0.0/8. Unset: the connection's own address.
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?))*)$/i,
      'a hop count such as 1, or addresses such as loopback, 10.0.0.0/8',
    )
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
    .optional(),
  // Unset: every message goes to the mail_outbox table, listed for admins at /beheer/mail.
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'Invalid URL: give one such as smtps://user:password@mail.example.nl:465' }).optional(),
  MAIL_FROM: z.string().min(3).default('Samenspel <noreply@samenspel.invalid>'),
  // Where members send privacy questions and requests (AVG); named on /privacy and in account mail.
  PRIVACY_CONTACT: z.email({ message: 'give an e-mail address such as privacy@samenspel.example.nl' }).default('privacy@samenspel.invalid'),
  // Demo entries, a demo curator and a demo admin, seeded into a new database; off for a real deployment.
  DEMO_DATA: z
    .enum(['true', 'false'], { message: 'give true or false' })
    .default('true')
    .transform((value) => value === 'true'),
});

export type AppConfig = z.infer<typeof envSchema> & {
  databasePath: string;
  geoDir: string;
  meiliDataDir: string;
  /** PUBLIC_URL's origin, or http://localhost:PORT when it is not set. */
  publicOrigin: string;
};

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
    publicOrigin: parsed.data.PUBLIC_URL ? new URL(parsed.data.PUBLIC_URL).origin : `http://localhost:${parsed.data.PORT}`,
  };
}

/**
 * The origin of absolute links the app hands out (canonical link, structured data). It comes from
 * the configuration, never from the Host header, which any client can set; only in development
 * without PUBLIC_URL is the request's own origin used, so links work on whatever port or host one
 * tries the app on (docs/decisions/0010).
 */
export function publicOrigin(config: AppConfig, request: Request): string {
  if (!config.PUBLIC_URL && config.NODE_ENV === 'development') return new URL(request.url).origin;
  return config.publicOrigin;
}
