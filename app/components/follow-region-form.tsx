import { Form } from '@remix-run/react';
import { CsrfField } from './account-form';

/** "Volg deze regio" / "Niet meer volgen": one button that posts to /account/regio-volgen and comes back. */
export function FollowRegionForm({
  region,
  name,
  following,
  returnTo,
}: {
  region: string;
  name: string;
  following: boolean;
  returnTo: string;
}) {
  return (
    <Form method="post" action="/account/regio-volgen" className="follow-region">
      <CsrfField />
      <input type="hidden" name="region" value={region} />
      <input type="hidden" name="terug" value={returnTo} />
      <button type="submit" name="intent" value={following ? 'unfollow' : 'follow'} className={following ? 'button-secondary' : undefined}>
        {following ? `${name} niet meer volgen` : `Volg ${name}: wekelijks bericht over nieuwe vermeldingen en samenwerkingen`}
      </button>
    </Form>
  );
}
