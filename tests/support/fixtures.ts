import type { EntryInput } from '../../app/entries/entry-schema';

/** A minimal valid initiative in Nijmegen-Dukenburg. */
export const validInitiative: EntryInput = {
  kind: 'initiatief',
  name: 'Buurtkring Testlaan',
  summary: 'Vrijwilligers helpen thuiswonende ouderen in de wijk.',
  place: 'Nijmegen, Dukenburg',
  lat: 51.82,
  lng: 5.79,
  coverage: ['GM0268'],
  topics: ['VITAAL-3', 'MEE-2'],
  needs: ['financiering', 'rugdekking'],
};
