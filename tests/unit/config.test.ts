import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, publicOrigin, readConfig } from '~/config.server';

describe('readConfig', () => {
  it('gives every setting its default on an empty environment', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'production', PORT: 3000, GEO_YEAR: 2025 });
    expect(config.MEILI_URL).toBeUndefined();
    expect(config.databasePath).toBe(path.resolve('data/samenspel.sqlite'));
  });

  it('treats an empty variable as unset', () => {
    const config = readConfig({ PORT: '', MEILI_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.MEILI_URL).toBeUndefined();
  });

  it('coerces numbers and keeps given values', () => {
    expect(readConfig({ PORT: '8080', MEILI_URL: 'http://127.0.0.1:7700', GEO_YEAR: '2024' })).toMatchObject({
      PORT: 8080,
      MEILI_URL: 'http://127.0.0.1:7700',
      GEO_YEAR: 2024,
    });
  });

  it('stops on a bad value with one message that names each variable', () => {
    const read = () => readConfig({ PORT: 'abc', MEILI_URL: 'geen url', NODE_ENV: 'staging' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^Invalid configuration: NODE_ENV: .*; PORT: .*; MEILI_URL: Invalid URL$/);
  });

  it('takes the public origin from PUBLIC_URL, or localhost on the configured port', () => {
    expect(readConfig({ PUBLIC_URL: 'https://samenspel.example.nl/' }).publicOrigin).toBe('https://samenspel.example.nl');
    expect(readConfig({ PUBLIC_URL: 'https://samenspel.example.nl' }).publicOrigin).toBe('https://samenspel.example.nl');
    expect(readConfig({ PORT: '8080' }).publicOrigin).toBe('http://localhost:8080');
  });

  it('refuses a PUBLIC_URL that is no http(s) origin, and a TILE_URL without a host', () => {
    for (const PUBLIC_URL of [
      'samenspel.example.nl',
      'ftp://samenspel.example.nl',
      'https://samenspel.example.nl/app',
      'https://x.nl/?a=1',
    ]) {
      expect(() => readConfig({ PUBLIC_URL })).toThrow(/^Invalid configuration: PUBLIC_URL: /);
    }
    expect(() => readConfig({ TILE_URL: '/tiles/{z}/{x}/{y}.png' })).toThrow(/^Invalid configuration: TILE_URL: /);
  });
});

describe('publicOrigin', () => {
  const forged = new Request('http://evil.example:666/entries/x', { headers: { host: 'evil.example:666' } });

  it('never takes the origin from the request outside development', () => {
    expect(publicOrigin(readConfig({}), forged)).toBe('http://localhost:3000');
    expect(publicOrigin(readConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://samenspel.example.nl' }), forged)).toBe(
      'https://samenspel.example.nl',
    );
  });

  it('uses the request in development only when PUBLIC_URL is not set', () => {
    expect(publicOrigin(readConfig({ NODE_ENV: 'development' }), forged)).toBe('http://evil.example:666');
    expect(publicOrigin(readConfig({ NODE_ENV: 'development', PUBLIC_URL: 'http://localhost:4000' }), forged)).toBe(
      'http://localhost:4000',
    );
  });
});

describe('mail and demo data settings', () => {
  it('store mail in the outbox and seed demo data by default', () => {
    const config = readConfig({});
    expect(config.SMTP_URL).toBeUndefined();
    expect(config).toMatchObject({ DEMO_DATA: true, MAIL_FROM: 'Samenspel <noreply@samenspel.invalid>' });
    expect(readConfig({ DEMO_DATA: 'false', SMTP_URL: 'smtps://u:p@mail.example.nl:465' })).toMatchObject({
      DEMO_DATA: false,
      SMTP_URL: 'smtps://u:p@mail.example.nl:465',
    });
  });

  it('refuse an SMTP_URL that is no smtp(s) URL', () => {
    expect(() => readConfig({ SMTP_URL: 'https://mail.example.nl' })).toThrow(/^Invalid configuration: SMTP_URL: Invalid URL/);
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count as a number and addresses as they are', () => {
    expect(readConfig({}).TRUST_PROXY).toBeUndefined();
    expect(readConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(readConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    for (const TRUST_PROXY of ['a;b', 'true', 'proxy.example.nl']) {
      expect(() => readConfig({ TRUST_PROXY })).toThrow(/^Invalid configuration: TRUST_PROXY: /);
    }
  });
});
