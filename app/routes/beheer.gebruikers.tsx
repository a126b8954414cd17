import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUserWithPermission } from '~/auth/guards.server';
import { ROLE_LABELS, STORED_ROLES } from '~/auth/permissions';
import { setRoleSchema } from '~/auth/role-schema';
import { CsrfField } from '~/components/account-form';
import { ActionNotice } from '~/components/action-notice';

/** Personal data: no cache keeps it, and the back button after signing out does not show it again. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Gebruikers en rollen — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'read:user:any');
  const users = await services.accounts.listUsers({ id: user.id, role: user.role });
  return { users: users.map((row) => ({ ...row, verified: row.email_verified_at !== null, self: row.id === user.id })) };
}

/** The permission is checked here, on the server, whatever the page showed; the role value is validated too. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'update:user-role:any');
  const form = await readProtectedForm(request, services);
  const parsed = setRoleSchema.safeParse(formFields(form));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return formError(400, { errors, message: Object.values(errors)[0] });
  }
  const outcome = await services.accounts.setRole({ id: user.id, role: user.role }, parsed.data.userId, parsed.data.role);
  if (outcome === 'own-account') return formError(400, { message: 'Je kunt je eigen rol niet wijzigen; vraag een andere beheerder.' });
  if (outcome === 'not-found') return formError(404, { message: 'Deze gebruiker bestaat niet (meer).' });
  return { ok: true as const, errors: {}, message: 'De rol is gewijzigd.' };
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>Gebruikers en rollen</h1>
      <p>Een gemeente-rol geef je pas nadat je hebt nagegaan dat iemand voor die gemeente werkt.</p>
      <ActionNotice result={result} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">E-mailadres</th>
            <th scope="col">Bevestigd</th>
            <th scope="col">Rol</th>
          </tr>
        </thead>
        <tbody>
          {users.map((row) => (
            <tr key={row.id}>
              <td>{row.name}</td>
              <td>{row.email}</td>
              <td>{row.verified ? 'ja' : 'nee'}</td>
              <td>
                {row.self ? (
                  ROLE_LABELS[row.role]
                ) : (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="userId" value={row.id} />
                    <label htmlFor={`role-${row.id}`} className="visually-hidden">
                      Rol van {row.name}
                    </label>
                    <select id={`role-${row.id}`} name="role" defaultValue={row.role}>
                      {STORED_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">Opslaan</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
