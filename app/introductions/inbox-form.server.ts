import type { User } from 'lucia';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { answerRefusals } from '~/entries/service-response.server';
import type { AppServices } from '~/server/services.server';
import { inboxFormSchema } from './introduction-schema';

/**
 * The action of the inbox and of the curators' page: one answer (to a request or a follow-up
 * question), checked against the CSRF token and the schema, then applied by the service, which
 * decides whether this user may give it.
 */
export async function answerInboxForm(request: Request, services: AppServices, user: User) {
  const form = await readProtectedForm(request, services);
  const parsed = inboxFormSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error), message: 'Dit antwoord kon niet worden verwerkt.' });
  const message = await answerRefusals(() => services.introductions.applyInboxForm({ id: user.id, role: user.role }, parsed.data));
  return { ok: true as const, message };
}
