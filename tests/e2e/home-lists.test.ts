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

/** The lists the home page carries on every request (read once per geodata version), as the plain HTML form shows them. */
describe.runIf(hasGeodata)('the home page lists', () => {
  it('offers every gemeente as a reference point, and keeps a chosen one selected', async () => {
    const page = await (await fetch(`${baseUrl}/`)).text();
    const near = options(page, 'near');
    expect(near).toHaveLength(343);
    expect(near[0]).toEqual({ value: '', selected: true, label: 'Geen plaats gekozen' });
    const nijmegen = near.find((option) => option.label === 'Nijmegen')!;
    expect(nijmegen.value).toMatch(/^5\d\.\d+,5\.\d+$/);

    const chosen = await (await fetch(`${baseUrl}/?near=${nijmegen.value}`)).text();
    expect(options(chosen, 'near').filter((option) => option.selected)).toEqual([{ ...nijmegen, selected: true }]);
  });

  it('names each region with its number of entries, and only regions with entries', async () => {
    const regions = options(await (await fetch(`${baseUrl}/`)).text(), 'facet-region');
    expect(regions[0]).toMatchObject({ value: '', label: 'Heel Nederland' });
    expect(regions.length).toBeGreaterThan(10);
    for (const region of regions.slice(1)) expect(region.label).toMatch(/^\S.* \([1-9]\d*\)$/);
    expect(regions.map((region) => region.value)).toContain('provincie:PV25');
  });
});
