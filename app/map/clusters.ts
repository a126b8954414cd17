import type { BBox, Feature, Point } from 'geojson';
import type { EntryKind } from '~/taxonomy/taxonomy';

/** The answer of GET /api/map/clusters: clusters with counts per kind, and single entries, for one map view. */

export type PointProperties = { id: number; slug: string; name: string; kind: EntryKind; place: string };
export type KindCounts = { coalitie: number; initiatief: number };
export type ClusterProperties = KindCounts & { cluster: true; cluster_id: number; point_count: number; expansion_zoom: number };

export type MapFeature = Feature<Point, PointProperties | ClusterProperties>;
export type ClusterCollection = {
  type: 'FeatureCollection';
  features: MapFeature[];
  /** Points matching the filters on the whole map, not only in view. */
  total: number;
  /** The matching points' extent as [west, south, east, north], to fit the map to them. */
  bounds: BBox | null;
  degraded: boolean;
};

export const isCluster = (props: PointProperties | ClusterProperties): props is ClusterProperties => 'cluster' in props;
