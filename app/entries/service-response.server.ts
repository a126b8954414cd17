import { data } from '@remix-run/node';
import { PermissionDeniedError } from '~/auth/accounts.server';
import { FORBIDDEN_MESSAGE } from '~/auth/guards.server';
import { LockedError, NotFoundError } from './self-service.server';

/** Runs a service call (entries, introductions) and answers its refusals as HTTP: 403, 404 or 409 with a Dutch message. */
export async function answerRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PermissionDeniedError) throw data({ message: FORBIDDEN_MESSAGE }, { status: 403 });
    if (error instanceof NotFoundError) throw data({ message: error.publicMessage }, { status: 404 });
    if (error instanceof LockedError) throw data({ message: error.publicMessage }, { status: 409 });
    throw error;
  }
}

/** A route parameter that must be a positive id; anything else is a 404, not a 500. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw data({ message: 'Deze vermelding bestaat niet (meer).' }, { status: 404 });
  return id;
}
