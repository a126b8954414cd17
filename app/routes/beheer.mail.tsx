import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { requireUserWithPermission } from '~/auth/guards.server';
import { listOutbox } from '~/mail/mailer.server';

/** Personal data: no cache keeps it, and the back button after signing out does not show it again. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Verstuurde e-mail — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  await requireUserWithPermission(request, services, 'read:mail:any');
  return { transport: services.mailer.transport, mails: await listOutbox(services.db), origin: services.config.publicOrigin };
}

/** The body as text, with the app's own links clickable (React escapes the rest). */
function MailBody({ body, origin }: { body: string; origin: string }) {
  const parts = body.split(/(https?:\/\/\S+)/);
  return (
    <div className="mail-body">
      {parts.map((part, index) => (
        <Fragment key={index}>{part.startsWith(`${origin}/`) ? <a href={part}>{part}</a> : part}</Fragment>
      ))}
    </div>
  );
}

export default function MailOutbox() {
  const { transport, mails, origin } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Verstuurde e-mail</h1>
      {transport === 'smtp' ? (
        <p className="notice notice--info">
          E-mail gaat via de SMTP-server (SMTP_URL); hieronder staan alleen berichten van vóór die instelling.
        </p>
      ) : (
        <p className="notice notice--info">
          Er is geen SMTP-server ingesteld (SMTP_URL): berichten worden niet verstuurd maar hier bewaard, zodat je de links kunt volgen.
          Alleen voor lokaal gebruik en tests.
        </p>
      )}
      {mails.length === 0 ? <p>Er zijn nog geen berichten.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="mail">
          <h2>{mail.subject}</h2>
          <p>
            Aan: {mail.to} · <time dateTime={mail.createdAt}>{mail.createdAt.slice(0, 16).replace('T', ' ')} UTC</time>
          </p>
          <MailBody body={mail.body} origin={origin} />
        </article>
      ))}
    </section>
  );
}
