import { describe, expect, inject, it } from 'vitest';
import { hasGeodata } from '../support/paths';

const baseUrl = inject('baseUrl');

const options = (html: string, selectId: string) => {
  const select = new RegExp(`<select[^>]*id="${selectId}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  // The visible text: React may separate adjacent text nodes with empty comments.
  return [...select.matchAll(/<option value="([^"]*)"( selected="")?>((?:[^<]|<!-- -->)*)<\/option>/g)].map(
    ([, value, selected, label]) => ({
      value,
      selected: selected !== undefined,
      label: label!.replaceAll('<!-- -->', ''),
    }),
  );
};

/** The home page's place field and region list, as the plain HTML form shows them. */
describe.runIf(hasGeodata)('the home page form', () => {
  it('takes a place or postcode as the reference point, and names the chosen one in the field', async () => {
    const field = (html: string) => /<input id="near" name="plaats"[^>]*>/.exec(html)?.[0] ?? '';
    expect(field(await (await fetch(`${baseUrl}/`)).text())).toMatch(/ value=""/);
    // The plain form submits the field; the answer moves its text into the URL's point.
    const chosen = await fetch(`${baseUrl}/?plaats=Nijmegen`);
    expect(chosen.redirected).toBe(true);
    expect(new URL(chosen.url).searchParams.get('near')).toMatch(/^51\.8\d*,5\.8\d*$/);
    expect(field(await chosen.text())).toMatch(/ value="Nijmegen"/);
    const unknown = await fetch(`${baseUrl}/?plaats=Atlantis`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Geen plaats, gemeente of postcode gevonden voor “Atlantis”.');
  });

  it('names each region with its number of entries, and only regions with entries', async () => {
    const regions = options(await (await fetch(`${baseUrl}/`)).text(), 'facet-region');
    expect(regions[0]).toMatchObject({ value: '', label: 'Heel Nederland' });
    expect(regions.length).toBeGreaterThan(10);
    for (const region of regions.slice(1)) expect(region.label).toMatch(/^\S.* \([1-9]\d*\)$/);
    expect(regions.map((region) => region.value)).toContain('provincie:PV25');
  });
});
