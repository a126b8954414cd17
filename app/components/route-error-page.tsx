import { Link, useRouteError } from '@remix-run/react';
import { describeRouteError } from '~/utils/route-error';

/** What an error boundary shows: the route's Dutch message (or a general one) and one way back. */
export function RouteErrorPage({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  const { heading, message } = describeRouteError(useRouteError());
  return (
    <section className="error-page">
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <Link to={backTo}>{backLabel}</Link>
      </p>
    </section>
  );
}
