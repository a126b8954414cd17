import http from 'node:http';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One HTTP request exactly as given: any method (fetch refuses TRACE), any path (fetch would
 * normalise broken percent-encoding) and any Host header.
 */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** What must never reach a visitor: stack frames and paths of the machine the app runs on. */
export function leaksInternals(text: string): string[] {
  const found: string[] = [];
  if (/^\s*at .+\(.+:\d+:\d+\)/m.test(text) || /\bat (?:new )?\S+ \(/.test(text)) found.push('a stack frame');
  for (const path of ['/work/', 'node_modules', 'file://', '.ts:', '.js:']) if (text.includes(path)) found.push(path);
  return found;
}
