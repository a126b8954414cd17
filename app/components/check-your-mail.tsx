import type { ReactNode } from 'react';

/** What a form that sends a link by mail shows once it is sent: the same heading, announced as a status. */
export function CheckYourMail({ children }: { children: ReactNode }) {
  return (
    <section className="account-page">
      <h1>Controleer je e-mail</h1>
      <p role="status">{children}</p>
    </section>
  );
}
