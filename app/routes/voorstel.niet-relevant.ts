import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUser, safeReturnPath } from '~/auth/guards.server';
import { answerRefusals } from '~/entries/service-response.server';
import { dismissSchema } from '~/introductions/introduction-schema';

/** POST from a proposal card: its entry's owner marks the proposal "niet relevant"; back to the page it came from. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const form = await readProtectedForm(request, services);
  const parsed = dismissSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  await answerRefusals(() => services.introductions.dismiss({ id: user.id, role: user.role }, parsed.data));
  return redirect(`${safeReturnPath(String(form.get('terug') ?? ''))}#mogelijke-partners`, 303);
}
