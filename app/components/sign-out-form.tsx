import { Form } from '@remix-run/react';
import { CsrfField } from './account-form';

/** Sign out on this device or everywhere; posts to /uitloggen. */
export function SignOutForm({ className }: { className?: string }) {
  return (
    <Form method="post" action="/uitloggen" className={className}>
      <CsrfField />
      <button type="submit" name="waar" value="hier">
        Uitloggen
      </button>{' '}
      <button type="submit" name="waar" value="overal" className="button-secondary">
        Overal uitloggen
      </button>
    </Form>
  );
}
