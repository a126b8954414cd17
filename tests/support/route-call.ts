import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';

/** What a route loader answered, whether it returned or threw a Response, `data(...)` or a plain object. */
/** `location`: where a redirect points. */
export type RouteOutcome = { status: number; body: unknown; bytes: number; location?: string | null };

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null };
const isDataWithInit = (value: unknown): value is DataWithInit =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit';

async function read(value: unknown, fallbackStatus: number): Promise<RouteOutcome> {
  if (value instanceof Response) {
    const text = await value.text();
    const json = value.headers.get('Content-Type')?.includes('json') && text ? (JSON.parse(text) as unknown) : text;
    return { status: value.status, body: json, bytes: Buffer.byteLength(text), location: value.headers.get('Location') };
  }
  if (isDataWithInit(value)) {
    return { status: value.init?.status ?? fallbackStatus, body: value.data, bytes: Buffer.byteLength(JSON.stringify(value.data)) };
  }
  return { status: fallbackStatus, body: value, bytes: Buffer.byteLength(JSON.stringify(value) ?? '') };
}

/**
 * Calls a loader the way Remix does, with a real load context, and reads its answer. An
 * exception that is not a response counts as the 500 Remix would send.
 */
export async function callLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  url: string,
  context: AppLoadContext,
  params: Record<string, string> = {},
): Promise<RouteOutcome> {
  try {
    return await read(await loader({ request: new Request(new URL(url, 'http://localhost')), params, context }), 200);
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return read(thrown, 500);
    return { status: 500, body: thrown instanceof Error ? thrown.stack : String(thrown), bytes: 0 };
  }
}
