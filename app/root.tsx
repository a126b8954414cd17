// First, so that it runs before any module creates a zod schema in the browser.
import '~/utils/zod-jitless.client';
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, Link, useRouteLoaderData } from '@remix-run/react';
import leafletStyles from 'leaflet/dist/leaflet.css';
import { RouteErrorPage } from '~/components/route-error-page';
import appStyles from '~/styles/app.css';
import { csrfToken } from '~/auth/csrf.server';
import { readSession } from '~/auth/guards.server';
import { useNonce } from '~/utils/nonce';
import { describeRouteError } from '~/utils/route-error';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: leafletStyles },
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** Used when a route renders no meta of its own, which is the case when the error boundary shows. */
export const meta: MetaFunction = ({ error }) => [{ title: error ? `${describeRouteError(error).heading} — Samenspel` : 'Samenspel' }];

/** Who is signed in (for the header) and the CSRF token every form carries; renews or clears the session cookie. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { signedIn, setCookie } = await readSession(request, services);
  const csrf = csrfToken(request, services);
  const headers = new Headers();
  for (const cookie of [setCookie, csrf.setCookie]) if (cookie) headers.append('Set-Cookie', cookie);
  const user = signedIn && { name: signedIn.user.name, role: signedIn.user.role };
  return data({ user, csrfToken: csrf.token }, { headers });
}

function AccountLink() {
  // Absent when the root loader failed (the error page): the header then shows no account link.
  const root = useRouteLoaderData<typeof loader>('root');
  if (!root) return null;
  return (
    <>
      {root.user ? <Link to="/vermelding/nieuw">Vermelding toevoegen</Link> : null}
      <nav aria-label="Account" className="account-nav">
        {root.user ? <Link to="/account">Mijn account ({root.user.name})</Link> : <Link to="/inloggen">Inloggen</Link>}
      </nav>
    </>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  // Remix's inline scripts run only with this response's CSP nonce (docs/decisions/0011).
  const nonce = useNonce();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          Direct naar de inhoud
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Samenspel
          </Link>
          <p className="tagline">Doe-coalities en burgerinitiatieven voor goed ouder worden, samen op één kaart</p>
          <div className="site-links">
            <nav className="site-nav" aria-label="Hoofdmenu">
              <Link to="/">Kaart en lijst</Link>
              <Link to="/zonder-partner">Initiatieven zonder partner</Link>
              <Link to="/regio">Regio&rsquo;s</Link>
            </nav>
            <AccountLink />
          </div>
        </header>
        <main id="inhoud" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Grenzen: CBS, Kadaster (CC BY 4.0); postcodes: GeoNames (CC BY 4.0). Transformatieagenda naar &lsquo;Ouder Worden 2040&rsquo;.
          </p>
          <p>
            <Link to="/privacy">Privacy</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The message a route threw (e.g. "Deze vermelding bestaat niet of is niet openbaar."), or a general one. */
export function ErrorBoundary() {
  return <RouteErrorPage backTo="/" backLabel="Terug naar de kaart" />;
}
