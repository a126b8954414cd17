import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { deleteAccountSchema } from '~/auth/account-deletion-schema';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, requireUser } from '~/auth/guards.server';
import { AccountForm, Field } from '~/components/account-form';

export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Account verwijderen — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context.services);
  return { handOver: await context.services.accountDeletion.soleOwnedEntries(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const form = await readProtectedForm(request, services);
  const parsed = deleteAccountSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const result = await services.accountDeletion.deleteAccount(user.id, parsed.data.password, clientAddress(context));
  if (result.ok) throw redirect('/account/verwijderd', { headers: { 'Set-Cookie': result.cookie } });
  if (result.reason === 'limited') return tooManyAttempts(result.retryAfterSeconds);
  if (result.reason === 'last-admin') {
    return formError(409, {
      message: 'Je bent de enige beheerder. Geef eerst iemand anders de rol beheerder; daarna kun je je account verwijderen.',
    });
  }
  return formError(400, { errors: { password: 'Dit is niet je wachtwoord.' } });
}

export default function DeleteAccount() {
  const { handOver } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Account verwijderen</h1>
      <p>Als je je account verwijdert, gebeurt dit meteen en voorgoed:</p>
      <ul>
        <li>je naam, e-mailadres en wachtwoord worden gewist en je wordt overal uitgelogd;</li>
        <li>je concepten en alle versies die je schreef, je claims en je uitnodigingen worden verwijderd;</li>
        <li>
          vermeldingen die je samen met anderen beheert, blijven bij hen; vermeldingen die alleen jij beheert, blijven in de gids staan en
          gaan naar de curatoren, die er een nieuwe beheerder voor zoeken;
        </li>
        <li>introductieverzoeken en antwoorden blijven bij de vermeldingen bewaard, maar niet meer onder jouw naam.</li>
      </ul>
      {handOver.length > 0 ? (
        <>
          <h2>Deze vermeldingen gaan naar de curatoren</h2>
          <ul>
            {handOver.map((entry) => (
              <li key={entry.id}>
                <Link to={`/entries/${entry.slug}`}>{entry.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        Wil je eerst een kopie van je gegevens? <a href="/account/gegevens">Download mijn gegevens</a>.
      </p>
      <h2>Bevestigen</h2>
      <AccountForm schema={deleteAccountSchema} result={result} submitLabel="Account definitief verwijderen">
        {(errors) => <Field name="password" label="Je wachtwoord" type="password" autoComplete="current-password" errors={errors} />}
      </AccountForm>
      <p>
        <Link to="/account">Terug naar mijn account</Link>
      </p>
    </section>
  );
}
