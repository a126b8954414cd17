import { z } from 'zod';
import { REGION_REF } from './region-layers';

/** Following regions: limits, the digest's rhythm and the form, shared by pages and server. */

export const MAX_FOLLOWS = 20;
export const DIGEST_INTERVAL_DAYS = 7;
/** An entry whose last check (or listing) is longer ago than this counts as not verified. */
export const STALE_AFTER_DAYS = 365;

export type FollowedRegion = { ref: string; name: string; layer: string; since: string };

export const followFormSchema = z.object({
  intent: z.enum(['follow', 'unfollow'], { message: 'Kies volgen of niet meer volgen.' }),
  region: z.string({ message: 'Kies een regio.' }).regex(REGION_REF, { message: 'Kies een regio uit de lijst.' }),
});
