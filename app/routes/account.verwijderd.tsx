import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Account verwijderd — Samenspel' }];

/** Where a deleted account lands, signed out. */
export default function AccountDeleted() {
  return (
    <section className="account-page">
      <h1>Je account is verwijderd</h1>
      <p role="status">Je bent uitgelogd. We hebben je een laatste e-mail gestuurd ter bevestiging.</p>
      <p>
        <Link to="/privacy">Lees wat we nog bewaren</Link> of <Link to="/">ga naar de kaart</Link>.
      </p>
    </section>
  );
}
