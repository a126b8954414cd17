import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '~/config.server';

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
});
