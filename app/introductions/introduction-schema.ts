import { z } from 'zod';
import { multiLine } from '~/utils/plain-text';

/**
 * The introduction forms' fields, shared by the browser and the server. A message keeps its line
 * breaks; every other control character is dropped, so what the other side reads is what was typed.
 */

const SLUG = /^[a-z0-9-]{1,100}$/;

const entrySlug = (message: string) => z.string({ message }).regex(SLUG, { message });

export const MESSAGE_MIN = 20;
export const MESSAGE_MAX = 2000;
export const REASON_MAX = 500;

const optionalReason = z
  .string()
  .optional()
  .transform((value) => (value ? multiLine(value) : ''))
  .pipe(z.string().max(REASON_MAX, `Gebruik hoogstens ${REASON_MAX} tekens.`))
  .transform((value) => value || null);

export const requestIntroductionSchema = z.object({
  from: entrySlug('Kies namens welke van je vermeldingen je de introductie vraagt.'),
  message: z
    .string({ message: 'Schrijf een bericht aan de andere partij.' })
    .transform(multiLine)
    .pipe(
      z
        .string()
        .min(MESSAGE_MIN, `Schrijf in minstens ${MESSAGE_MIN} tekens wie je bent en waarom je kennis wilt maken.`)
        .max(MESSAGE_MAX, `Gebruik hoogstens ${MESSAGE_MAX} tekens.`),
    ),
});
export type RequestIntroductionInput = z.infer<typeof requestIntroductionSchema>;

export const respondSchema = z.object({
  decision: z.enum(['accept', 'decline', 'withdraw'], { message: 'Kies accepteren of afwijzen.' }),
  reason: optionalReason,
});
export type RespondInput = z.infer<typeof respondSchema>;

export const dismissSchema = z
  .object({
    entry: entrySlug('Kies de vermelding waarvoor dit voorstel niet relevant is.'),
    other: entrySlug('Dit voorstel bestaat niet (meer).'),
    reason: optionalReason,
  })
  .refine((input) => input.entry !== input.other, { path: ['other'], message: 'Een vermelding wordt zichzelf nooit voorgesteld.' });
export type DismissInput = z.infer<typeof dismissSchema>;

export const FOLLOW_UP_ANSWERS = ['ja', 'nog-bezig', 'nee'] as const;
export type FollowUpAnswerCode = (typeof FOLLOW_UP_ANSWERS)[number];
export const FOLLOW_UP_LABELS: Record<FollowUpAnswerCode, string> = { ja: 'Ja', 'nog-bezig': 'Nog bezig', nee: 'Nee' };
export const FOLLOW_UP_QUESTION = 'Heeft dit geleid tot samenwerking?';

export const followUpSchema = z.object({
  entry: entrySlug('Kies voor welke vermelding je antwoordt.'),
  answer: z.enum(FOLLOW_UP_ANSWERS, { message: 'Kies ja, nog bezig of nee.' }),
});

/** Six weeks: the documents describe checking back after six to eight weeks. */
export const FOLLOW_UP_AFTER_DAYS = 42;

export const INTRODUCTION_STATUS_LABELS = {
  pending: 'Wacht op antwoord',
  accepted: 'Geaccepteerd',
  declined: 'Afgewezen',
  withdrawn: 'Ingetrokken',
} as const;

/** The inbox's and the curators' forms: answer a request, or a follow-up question. */
export const inboxFormSchema = z.discriminatedUnion('intent', [
  respondSchema.extend({ intent: z.literal('respond'), id: z.coerce.number().int().positive() }),
  followUpSchema.extend({ intent: z.literal('follow-up'), partnership: z.coerce.number().int().positive() }),
]);
export type InboxFormInput = z.infer<typeof inboxFormSchema>;

export const INBOX_CONFIRMATIONS = {
  accepted: 'Het verzoek is geaccepteerd. De contactgegevens staan nu bij het verzoek; de aanvrager krijgt bericht.',
  declined: 'Het verzoek is afgewezen. De aanvrager krijgt bericht.',
  withdrawn: 'Het verzoek is ingetrokken.',
  'follow-up': 'Dank je wel, je antwoord is vastgelegd.',
} as const;
