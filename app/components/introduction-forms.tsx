import { Form } from '@remix-run/react';
import { FOLLOW_UP_ANSWERS, FOLLOW_UP_LABELS, FOLLOW_UP_QUESTION, REASON_MAX } from '~/introductions/introduction-schema';
import { CsrfField } from './account-form';

/** Accept or decline a request, with an optional reason the requester reads. */
export function AnswerIntroductionForm({ id, fromName }: { id: number; fromName: string }) {
  const reasonId = `reden-${id}`;
  return (
    <Form method="post" className="dismiss-form">
      <CsrfField />
      <input type="hidden" name="intent" value="respond" />
      <input type="hidden" name="id" value={id} />
      <div className="field">
        <label htmlFor={reasonId}>Toelichting voor {fromName} (niet verplicht)</label>
        <input id={reasonId} name="reason" type="text" maxLength={REASON_MAX} />
      </div>
      <button type="submit" name="decision" value="accept">
        Accepteren
      </button>
      <button type="submit" name="decision" value="decline" className="button-secondary">
        Afwijzen
      </button>
    </Form>
  );
}

/** The requester takes back a request that was not answered yet. */
export function WithdrawIntroductionForm({ id }: { id: number }) {
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="respond" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="decision" value="withdraw" className="button-secondary">
        Verzoek intrekken
      </button>
    </Form>
  );
}

/** "Heeft dit geleid tot samenwerking?" with one button per answer. */
export function FollowUpForm({ partnershipId, entrySlug, legend }: { partnershipId: number; entrySlug: string; legend: string }) {
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="follow-up" />
      <input type="hidden" name="partnership" value={partnershipId} />
      <input type="hidden" name="entry" value={entrySlug} />
      <fieldset className="follow-up">
        <legend>
          {FOLLOW_UP_QUESTION} <span className="visually-hidden">({legend})</span>
        </legend>
        {FOLLOW_UP_ANSWERS.map((answer) => (
          <button key={answer} type="submit" name="answer" value={answer} className="button-secondary">
            {FOLLOW_UP_LABELS[answer]}
          </button>
        ))}
      </fieldset>
    </Form>
  );
}
