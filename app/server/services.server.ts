import type { Meilisearch } from 'meilisearch';
import { createAccountDeletion, type AccountDeletion } from '~/auth/account-deletion.server';
import { createAccounts, type Accounts } from '~/auth/accounts.server';
import { createLucia, type AppLucia } from '~/auth/lucia.server';
import { createRateLimits } from '~/auth/rate-limits.server';
import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import { createSelfService, type SelfService } from '~/entries/self-service.server';
import { createIntroductions, type Introductions } from '~/introductions/introductions.server';
import { createMailer, type Mailer } from '~/mail/mailer.server';
import { createRegionFollows, type RegionFollows } from '~/regions/region-follows.server';

/**
 * What every request and the background work share: one configuration, one database handle, one
 * search client (null when no search server could be had), and the account services built on
 * them (sessions, rate limits, mail). Routes get them through the load context, tests hand in their own.
 */
export type AppServices = {
  config: AppConfig;
  db: DB;
  search: Meilisearch | null;
  lucia: AppLucia;
  mailer: Mailer;
  accounts: Accounts;
  entries: SelfService;
  introductions: Introductions;
  accountDeletion: AccountDeletion;
  regionFollows: RegionFollows;
};

/** The account services on top of configuration, database and search client; one set per app instance. */
export function createServices({ config, db, search }: Pick<AppServices, 'config' | 'db' | 'search'>): AppServices {
  const lucia = createLucia(db, config);
  const mailer = createMailer(config, db);
  // One set of limits: a password typed to delete the account counts with the sign-in attempts.
  const limits = createRateLimits();
  const accounts = createAccounts({ db, config, lucia, mailer, limits });
  const entries = createSelfService({ db, mailer, limits, publicOrigin: config.publicOrigin });
  const introductions = createIntroductions({ db, mailer, limits, publicOrigin: config.publicOrigin });
  const accountDeletion = createAccountDeletion({
    db,
    lucia,
    limits,
    mailer,
    publicOrigin: config.publicOrigin,
    contact: config.PRIVACY_CONTACT,
  });
  const regionFollows = createRegionFollows({ db, mailer, publicOrigin: config.publicOrigin });
  return { config, db, search, lucia, mailer, accounts, entries, introductions, accountDeletion, regionFollows };
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: AppServices;
    /** The client's IP address (scripts/http-app.ts), for rate limits; absent in tests that call actions. */
    clientAddress?: string;
  }
}
