import { Form, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { fieldErrors, MIN_PASSWORD_LENGTH, type FieldErrors } from '~/auth/auth-schemas';
import { CSRF_FIELD } from '~/auth/csrf';
import type { loader as rootLoader } from '~/root';

/** The hidden CSRF field every POST form carries (app/auth/csrf.server.ts); the root loader hands out the token. */
export function CsrfField() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  return <input type="hidden" name={CSRF_FIELD} value={root?.csrfToken ?? ''} />;
}

type FieldProps = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  hint?: string;
  defaultValue?: string;
  errors?: FieldErrors;
};

/** A labelled input whose message is tied to it (aria-invalid, aria-describedby), so screen readers read both. */
export function Field({ name, label, type = 'text', autoComplete, hint, defaultValue, errors }: FieldProps) {
  const error = errors?.[name];
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A new password and its repetition, as every form that sets one asks for them. */
export function NewPasswordFields({
  label,
  confirmLabel,
  advice,
  errors,
}: {
  label: string;
  confirmLabel: string;
  /** Said after the minimum length. */
  advice?: string;
  errors?: FieldErrors;
}) {
  return (
    <>
      <Field
        name="password"
        label={label}
        type="password"
        autoComplete="new-password"
        hint={[`Minstens ${MIN_PASSWORD_LENGTH} tekens.`, advice].filter(Boolean).join(' ')}
        errors={errors}
      />
      <Field name="confirm" label={confirmLabel} type="password" autoComplete="new-password" errors={errors} />
    </>
  );
}

/** Every field message once more at the top, each a link to its field: found and announced without JavaScript too. */
function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="notice notice--warning error-summary" role="alert">
      <p>Controleer het formulier:</p>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type AccountFormProps = {
  /** Checked in the browser before sending; the server checks the same schema again. */
  schema: z.ZodType;
  /** The server's answer: per-field messages and/or one message for the whole form. */
  result?: { errors?: FieldErrors; message?: string | null } | null;
  submitLabel: string;
  children: (errors: FieldErrors) => ReactNode;
  action?: string;
};

/**
 * A POST form that works without JavaScript (the server validates and answers with messages) and,
 * with it, checks the shared zod schema first. After an answer with errors the first invalid field
 * gets the focus; a message for the whole form is announced.
 */
export function AccountForm({ schema, result, submitLabel, children, action }: AccountFormProps) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useNavigation().state === 'submitting';
  const errors = clientErrors ?? result?.errors ?? {};

  useEffect(() => setClientErrors(null), [result]);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [clientErrors, result]);

  function validate(event: FormEvent<HTMLFormElement>) {
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = schema.safeParse(values);
    if (parsed.success) return setClientErrors(null);
    event.preventDefault();
    setClientErrors(fieldErrors(parsed.error));
  }

  return (
    <Form method="post" action={action} noValidate ref={formRef} onSubmit={validate} className="account-form">
      {result?.message ? (
        <p className="notice notice--warning" role="alert">
          {result.message}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <CsrfField />
      {children(errors)}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
