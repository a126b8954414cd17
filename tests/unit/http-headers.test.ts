import { describe, expect, it } from 'vitest';
import { readConfig } from '~/config.server';
import { securityHeaders, tileSource } from '../../scripts/http-app';

describe('tileSource', () => {
  it('is the scheme and host of TILE_URL, with a wildcard for Leaflet subdomains', () => {
    expect(tileSource('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png')).toBe(
      'https://service.pdok.nl',
    );
    expect(tileSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.org');
    expect(tileSource('http://127.0.0.1:9/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:9');
  });
});

describe('securityHeaders', () => {
  it('turns on HSTS and upgrade-insecure-requests only for an https public URL', () => {
    const https = securityHeaders(readConfig({ PUBLIC_URL: 'https://samenspel.example.nl' }));
    expect(https.strictTransportSecurity).toEqual({ maxAge: 31_536_000, includeSubDomains: true });
    expect(https.contentSecurityPolicy).toMatchObject({ directives: { 'upgrade-insecure-requests': [] } });

    const http = securityHeaders(readConfig({}));
    expect(http.strictTransportSecurity).toBe(false);
    expect(http.contentSecurityPolicy).not.toHaveProperty(['directives', 'upgrade-insecure-requests']);
  });
});
