import type { Segment } from '~/search/search-result';

/** Text with the parts that matched the query marked; no HTML from the index is ever injected. */
export function HighlightedText({ segments }: { segments: Segment[] }) {
  return <>{segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : segment.text))}</>;
}
