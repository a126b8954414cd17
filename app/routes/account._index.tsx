import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { changePasswordSchema, fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, requireUser } from '~/auth/guards.server';
import { hasPermission, ROLE_LABELS } from '~/auth/permissions';
import { AccountForm, Field, NewPasswordFields } from '~/components/account-form';
import { SignOutForm } from '~/components/sign-out-form';

/** Personal data: no cache keeps it, and the back button after signing out does not show it again. */
export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Mijn account — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context.services);
  return {
    user: { name: user.name, email: user.email, role: ROLE_LABELS[user.role] },
    admin: {
      mail: hasPermission(user.role, 'read:mail:any'),
      users: hasPermission(user.role, 'read:user:any'),
      review: hasPermission(user.role, 'publish:entry:any'),
      broker: hasPermission(user.role, 'update:introduction:any'),
    },
  };
}

/** Changing the password; signing out has its own route (/uitloggen). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const form = await readProtectedForm(request, services);
  const parsed = changePasswordSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const result = await services.accounts.changePassword(user.id, parsed.data, clientAddress(context));
  if (result.ok) {
    return data(
      { ok: true as const, message: 'Je wachtwoord is gewijzigd. Op andere apparaten ben je uitgelogd.' },
      { headers: { 'Set-Cookie': result.cookie } },
    );
  }
  if (result.reason === 'limited') return tooManyAttempts(result.retryAfterSeconds);
  return formError(400, { errors: { current: 'Dit is niet je huidige wachtwoord.' } });
}

export default function Account() {
  const { user, admin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Mijn account</h1>
      <dl>
        <dt>Naam</dt>
        <dd>{user.name}</dd>
        <dt>E-mailadres</dt>
        <dd>{user.email}</dd>
        <dt>Rol</dt>
        <dd>{user.role}</dd>
      </dl>
      <ul>
        <li>
          <Link to="/account/vermeldingen">Mijn vermeldingen</Link>
        </li>
        <li>
          <Link to="/account/berichten">Mijn berichten</Link> (verzoeken om kennis te maken en samenwerkingen)
        </li>
        <li>
          <Link to="/account/regio-volgen">Regio’s volgen</Link> (wekelijks bericht over wat er in een regio verandert)
        </li>
      </ul>
      {admin.mail || admin.users || admin.review || admin.broker ? (
        <nav aria-label="Beheer">
          <h2>Beheer</h2>
          <ul>
            {admin.review ? (
              <li>
                <Link to="/beheer/beoordelen">Beoordelen</Link>
              </li>
            ) : null}
            {admin.broker ? (
              <li>
                <Link to="/beheer/introducties">Introducties begeleiden</Link>
              </li>
            ) : null}
            {admin.users ? (
              <li>
                <Link to="/beheer/gebruikers">Gebruikers en rollen</Link>
              </li>
            ) : null}
            {admin.mail ? (
              <li>
                <Link to="/beheer/mail">Verstuurde e-mail</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <h2>Uitloggen</h2>
      <SignOutForm className="sign-out-forms" />
      <p className="field-hint">&ldquo;Overal uitloggen&rdquo; beëindigt ook je sessies op andere apparaten.</p>

      <h2>Wachtwoord wijzigen</h2>
      {result?.ok ? (
        <p className="notice notice--info" role="status">
          {result.message}
        </p>
      ) : null}
      <AccountForm schema={changePasswordSchema} result={result?.ok ? null : result} submitLabel="Wachtwoord wijzigen">
        {(errors) => (
          <>
            <Field name="current" label="Huidig wachtwoord" type="password" autoComplete="current-password" errors={errors} />
            <NewPasswordFields label="Nieuw wachtwoord" confirmLabel="Herhaal het nieuwe wachtwoord" errors={errors} />
          </>
        )}
      </AccountForm>

      <h2>Je gegevens</h2>
      <ul>
        <li>
          {/* A file download, so a plain link rather than a client-side navigation. */}
          <a href="/account/gegevens" download>
            Download mijn gegevens
          </a>{' '}
          (een JSON-bestand met alles wat Samenspel over jou bewaart)
        </li>
        <li>
          <Link to="/account/verwijderen">Account verwijderen</Link>
        </li>
        <li>
          <Link to="/privacy">Privacyverklaring</Link>
        </li>
      </ul>
    </section>
  );
}
