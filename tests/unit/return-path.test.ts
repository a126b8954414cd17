import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '~/auth/guards.server';

describe('safeReturnPath (where sign-in sends the user back to)', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/beheer/mail')).toBe('/beheer/mail');
    expect(safeReturnPath('/?q=zorg&kind=coalitie')).toBe('/?q=zorg&kind=coalitie');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('sends anything that could leave the site to the account page', () => {
    for (const value of [
      null,
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/foo\\bar',
      'javascript:alert(1)',
      ' /account',
    ]) {
      expect(safeReturnPath(value), JSON.stringify(value)).toBe('/account');
    }
  });
});
