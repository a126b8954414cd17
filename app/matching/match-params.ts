import { z } from 'zod';

/** At most this many proposals per request; the detail page shows five. */
export const MAX_MATCH_LIMIT = 50;
export const DEFAULT_MATCH_LIMIT = 10;

/** The query string of GET /api/entries/:slug/matches, with Dutch messages. */
export const matchParamsSchema = z.object({
  limit: z.coerce
    .number({ message: `Geef een heel getal van 1 tot en met ${MAX_MATCH_LIMIT}.` })
    .int({ message: `Geef een heel getal van 1 tot en met ${MAX_MATCH_LIMIT}.` })
    .min(1, { message: `Geef een heel getal van 1 tot en met ${MAX_MATCH_LIMIT}.` })
    .max(MAX_MATCH_LIMIT, { message: `Geef een heel getal van 1 tot en met ${MAX_MATCH_LIMIT}.` })
    .default(DEFAULT_MATCH_LIMIT),
});

export type MatchParams = z.infer<typeof matchParamsSchema>;
