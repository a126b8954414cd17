import type { EntryKind } from '~/taxonomy/taxonomy';
import type { FollowUpAnswer, IntroductionStatus } from '../../db/schema';

/** What the inbox and the curators' page show of introductions and partnerships. */

export type EntryRef = { id: number; slug: string; name: string; kind: EntryKind; place: string };

export type Contact = { name: string; email: string; curator: boolean };

export type InboxItem = {
  id: number;
  direction: 'received' | 'sent';
  status: IntroductionStatus;
  brokered: boolean;
  createdAt: string;
  respondedAt: string | null;
  from: EntryRef;
  to: EntryRef;
  message: string;
  reason: string | null;
  /** The person on the other side: only after acceptance, and null when their account is gone. */
  contact: Contact | null;
};

export type FollowUpItem = {
  partnershipId: number;
  /** The asker's own side, for which they answer. */
  entry: EntryRef;
  partner: EntryRef;
  since: string;
  asked: boolean;
  answer: FollowUpAnswer | null;
};

export type Inbox = { received: InboxItem[]; sent: InboxItem[]; followUps: FollowUpItem[] };
