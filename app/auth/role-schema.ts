import { z } from 'zod';
import { STORED_ROLES } from './permissions';

/** The role form of /beheer/gebruikers: only a known role for a user id, whatever a tampered form sends. */
export const setRoleSchema = z.object({
  userId: z.string().regex(/^[a-z0-9]{1,64}$/, 'Onbekende gebruiker.'),
  role: z.enum(STORED_ROLES, { message: 'Kies een van de bestaande rollen.' }),
});
