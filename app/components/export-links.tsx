import { useRef, useState, type MouseEvent } from 'react';
import { EXPORT_FORMATS, exportUrl } from '~/exports/export-formats';
import { plural } from '~/utils/plural';

type Progress =
  | { state: 'idle' }
  | { state: 'busy'; label: string; bytes: number; rows: number; total: number | null }
  | { state: 'done'; label: string; rows: number }
  | { state: 'failed'; message: string };

const kilobytes = (bytes: number) => `${new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
const LINE_FEED = 10;

/** The file name the server gave in Content-Disposition, so a saved blob has the same dated name as a plain download. */
function fileNameOf(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
}

async function failureOf(response: Response): Promise<string> {
  try {
    return ((await response.json()) as { error?: string }).error ?? `De download is mislukt (status ${response.status}).`;
  } catch {
    return `De download is mislukt (status ${response.status}).`;
  }
}

/**
 * "Download deze selectie": the current filters as CSV, GeoJSON and HSDS. Without JavaScript these
 * are plain links (the server sends a dated attachment). With it, the file is fetched as a stream
 * so the page can show how much has arrived — every exported entry is one line, so counting lines
 * counts entries — and is then saved from memory under the server's file name.
 */
export function ExportLinks({ filterQuery, total }: { filterQuery: string; total: number }) {
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const busy = useRef(false);

  async function download(event: MouseEvent<HTMLAnchorElement>, label: string) {
    const supported = typeof ReadableStream !== 'undefined' && typeof URL.createObjectURL === 'function';
    if (!supported || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const href = event.currentTarget.href;
    try {
      const response = await fetch(href);
      if (!response.ok || !response.body) {
        setProgress({ state: 'failed', message: await failureOf(response) });
        return;
      }
      const expected = Number(response.headers.get('X-Total-Count'));
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      const reader = response.body.getReader();
      setProgress({ state: 'busy', label, bytes, rows: 0, total: Number.isFinite(expected) ? expected : null });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const byte of value) if (byte === LINE_FEED) lines++;
        // The first line is the heading (CSV) or the opening of the collection (JSON).
        const rows = Math.max(0, Math.min(lines - 1, expected || Infinity));
        setProgress({ state: 'busy', label, bytes, rows, total: Number.isFinite(expected) ? expected : null });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? '' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, 'samenspel-export');
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file; give it a moment before the memory is released.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ state: 'done', label, rows: Number.isFinite(expected) ? expected : Math.max(0, lines - 1) });
    } catch {
      setProgress({ state: 'failed', message: 'De download is afgebroken. Controleer de verbinding en probeer het opnieuw.' });
    } finally {
      busy.current = false;
    }
  }

  return (
    <section className="export-links" aria-labelledby="export-heading">
      <h2 id="export-heading">Download deze selectie</h2>
      <p>
        Alle {plural(total, 'vermelding', 'vermeldingen')} met deze filters, in een open formaat (<a href="/api/docs#exports">uitleg</a>):
      </p>
      <ul>
        {EXPORT_FORMATS.map(({ format, label, hint }) => (
          <li key={format}>
            <a href={exportUrl(format, filterQuery)} download onClick={(event) => void download(event, label)}>
              {label}
            </a>{' '}
            <span className="export-hint">({hint})</span>
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite">
        {progress.state === 'busy' ? (
          <>
            <label htmlFor="export-progress">
              {progress.label} wordt opgehaald: {kilobytes(progress.bytes)}
              {progress.total !== null ? `, ${progress.rows} van ${plural(progress.total, 'vermelding', 'vermeldingen')}` : ''}
            </label>{' '}
            <progress id="export-progress" max={progress.total ?? undefined} value={progress.total !== null ? progress.rows : undefined} />
          </>
        ) : progress.state === 'done' ? (
          <p>
            {progress.label} is klaar: {plural(progress.rows, 'vermelding', 'vermeldingen')}.
          </p>
        ) : progress.state === 'failed' ? (
          <p className="notice notice--warning">{progress.message}</p>
        ) : null}
      </div>
    </section>
  );
}
