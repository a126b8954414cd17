import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { readProtectedForm } from '~/auth/csrf.server';
import { readSession } from '~/auth/guards.server';
import { SignOutForm } from '~/components/sign-out-form';

export const meta: MetaFunction = () => [{ title: 'Uitloggen — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await readSession(request, context.services)).signedIn) throw redirect('/inloggen');
  return null;
}

/** Signs out here (`waar=hier`) or on every device (`waar=overal`); a POST, so no link or image can do it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const form = await readProtectedForm(request, services);
  const { signedIn } = await readSession(request, services);
  if (!signedIn) throw redirect('/inloggen');
  const cookie =
    form.get('waar') === 'overal'
      ? await services.accounts.signOutEverywhere(signedIn.user.id)
      : await services.accounts.signOut(signedIn.session.id);
  throw redirect('/inloggen?melding=uitgelogd', { headers: { 'Set-Cookie': cookie } });
}

/** For a visitor who opened /uitloggen directly: the same choice as on the account page. */
export default function SignOut() {
  return (
    <section className="account-page">
      <h1>Uitloggen</h1>
      <SignOutForm />
    </section>
  );
}
