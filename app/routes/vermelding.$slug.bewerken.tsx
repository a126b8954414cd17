import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { readProtectedForm } from '~/auth/csrf.server';
import { requireUser } from '~/auth/guards.server';
import { answerRefusals } from '~/entries/service-response.server';

/**
 * An owner starts editing a published entry: a new version (or the one already open) that goes to
 * review, while the published entry stays as it is until a curator approves the change.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  await readProtectedForm(request, services);
  const id = await answerRefusals(() => services.entries.startEdit({ id: user.id, role: user.role }, params.slug ?? ''));
  throw redirect(`/vermelding/concept/${id}/basis`);
}
