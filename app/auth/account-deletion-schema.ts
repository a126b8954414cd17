import { z } from 'zod';

/** The confirmation of "Account verwijderen": the current password, checked in the browser and on the server. */
export const deleteAccountSchema = z.object({
  password: z
    .string({ message: 'Vul je wachtwoord in om het verwijderen te bevestigen.' })
    .min(1, 'Vul je wachtwoord in om het verwijderen te bevestigen.')
    .max(200, 'Dit wachtwoord is te lang.'),
});
