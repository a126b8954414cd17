import { describe, expect, it } from 'vitest';
import { formatMapView, readMapState, resultsKey } from '~/map/map-state';

describe('map state in the URL', () => {
  it('reads view, region layer and shading, and writes the view back compactly', () => {
    const state = readMapState(new URLSearchParams('map=9/51.8426/5.859&layer=ggd&shade=partnered'));
    expect(state).toEqual({ view: { zoom: 9, lat: 51.8426, lng: 5.859 }, layer: 'ggd', shade: 'partnered' });
    expect(formatMapView(state.view!)).toBe('9/51.8426/5.8590');
  });

  it('ignores malformed or out-of-range state instead of failing the page', () => {
    expect(readMapState(new URLSearchParams('map=99/51/5&layer=wijk&shade=count'))).toEqual({ view: null, layer: null, shade: null });
    expect(readMapState(new URLSearchParams('map=7/abc/5')).view).toBeNull();
    // Shading needs a region layer to shade.
    expect(readMapState(new URLSearchParams('shade=count')).shade).toBeNull();
  });

  it('tells URLs that differ only in map state apart from those with other results', () => {
    const base = new URLSearchParams('q=dementie&kind=initiatief');
    expect(resultsKey(new URLSearchParams('kind=initiatief&q=dementie&map=8/52/5&layer=corop'))).toBe(resultsKey(base));
    expect(resultsKey(new URLSearchParams('q=dementie&kind=coalitie&map=8/52/5'))).not.toBe(resultsKey(base));
  });
});
