import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/guards.server';
import { collectPersonalData } from '~/auth/personal-data.server';

/**
 * "Download mijn gegevens": everything held about the signed-in member as a JSON file. Only the
 * session decides whose data it is; the URL takes no parameters.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request, context.services);
  const personalData = await collectPersonalData(context.services.db, user.id, session.id);
  const day = personalData.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(personalData, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="samenspel-gegevens-${day}.json"`,
      'Cache-Control': 'no-store',
    },
  });
}
