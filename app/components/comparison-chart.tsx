import { useId } from 'react';

export type ComparisonRow = { label: string; region: number | null; national: number | null };

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 56;
const BAR_HEIGHT = 13;
const ROW_HEIGHT = 2 * BAR_HEIGHT + 14;
const LEGEND_HEIGHT = 24;

const shown = (value: number | null) => (value === null ? 'geen gegevens' : `${value}%`);

/**
 * Percentages of a region next to the country's as a horizontal bar chart, drawn as SVG on the
 * server: it reads without JavaScript and prints as it is. The title and description carry every
 * value as text (and a table on the page repeats them), so the chart is never the only source.
 */
export function ComparisonChart({ title, regionName, rows }: { title: string; regionName: string; rows: ComparisonRow[] }) {
  const id = useId();
  const height = LEGEND_HEIGHT + rows.length * ROW_HEIGHT;
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bar = (value: number | null) => Math.max(value === null ? 0 : (value / 100) * barSpace, value ? 1 : 0);
  const description = rows.map((row) => `${row.label}: ${regionName} ${shown(row.region)}, Nederland ${shown(row.national)}`).join('; ');
  return (
    <svg
      className="comparison-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g aria-hidden="true" fontSize="12">
        <rect x={LABEL_WIDTH} y={4} width={12} height={12} className="chart-bar chart-bar--region" />
        <text x={LABEL_WIDTH + 18} y={14}>
          {regionName}
        </text>
        <rect x={LABEL_WIDTH + 200} y={4} width={12} height={12} className="chart-bar chart-bar--national" />
        <text x={LABEL_WIDTH + 218} y={14}>
          Nederland
        </text>
        {rows.map((row, i) => {
          const top = LEGEND_HEIGHT + i * ROW_HEIGHT;
          return (
            <g key={row.label}>
              <text x={0} y={top + BAR_HEIGHT + 4}>
                {row.label}
              </text>
              <rect x={LABEL_WIDTH} y={top} width={bar(row.region)} height={BAR_HEIGHT} className="chart-bar chart-bar--region" />
              <text x={LABEL_WIDTH + bar(row.region) + 4} y={top + BAR_HEIGHT - 2}>
                {shown(row.region)}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={top + BAR_HEIGHT + 2}
                width={bar(row.national)}
                height={BAR_HEIGHT}
                className="chart-bar chart-bar--national"
              />
              <text x={LABEL_WIDTH + bar(row.national) + 4} y={top + 2 * BAR_HEIGHT}>
                {shown(row.national)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
