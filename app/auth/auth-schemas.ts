import { z } from 'zod';
import { singleLine } from '~/utils/plain-text';

/**
 * The account forms' fields, checked the same way in the browser (before sending) and on the
 * server (always). Messages are Dutch and name what to do.
 */

/** Trimmed and lower-case, so that one address is one account however it is typed. */
export const emailSchema = z
  .string({ message: 'Vul je e-mailadres in.' })
  .trim()
  .toLowerCase()
  .min(1, 'Vul je e-mailadres in.')
  .max(254, 'Dit e-mailadres is te lang.')
  .pipe(z.email({ message: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.' }));

export const MIN_PASSWORD_LENGTH = 12;

// A long upper bound keeps passphrases possible while bounding the hashing work per request.
export const newPasswordSchema = z
  .string({ message: 'Kies een wachtwoord.' })
  .min(MIN_PASSWORD_LENGTH, `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`)
  .max(200, 'Kies een wachtwoord van hoogstens 200 tekens.');

const enteredPassword = z
  .string({ message: 'Vul je wachtwoord in.' })
  .min(1, 'Vul je wachtwoord in.')
  .max(200, 'Dit wachtwoord is te lang.');

export const nameSchema = z
  .string({ message: 'Vul je naam in.' })
  .overwrite(singleLine)
  .min(1, 'Vul je naam in.')
  .max(100, 'Gebruik hoogstens 100 tekens voor je naam.');

const confirmed = <T extends { password: string; confirm: string }>(schema: z.ZodType<T>) =>
  schema.refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'De wachtwoorden zijn niet gelijk.' });

export const signInSchema = z.object({ email: emailSchema, password: enteredPassword });

export const signUpSchema = confirmed(z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema, confirm: z.string() }));

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = confirmed(z.object({ password: newPasswordSchema, confirm: z.string() }));

export const changePasswordSchema = confirmed(z.object({ current: enteredPassword, password: newPasswordSchema, confirm: z.string() }));

export type FieldErrors = Record<string, string>;

/** The first message per field, for a form's `errors`. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

/** A form's fields as strings (files and repeated names are not used by these forms). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string' && !(name in fields)) fields[name] = value;
  return fields;
}
