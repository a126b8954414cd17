import { describe, expect, it } from 'vitest';
import { uuidV5 } from '~/exports/hsds.server';

const DNS_NAMESPACE = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');

describe('HSDS identifiers (UUID version 5)', () => {
  it('match the RFC 9562 construction', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('are stable per name and different across names, with version 5 and the RFC variant', () => {
    const id = uuidV5('service/buurtkring-testlaan');
    expect(uuidV5('service/buurtkring-testlaan')).toBe(id);
    expect(uuidV5('organization/buurtkring-testlaan')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
