// The contract between the shared adapter suite and each framework. Why the suite lives here, in core's
// test folder: the behaviour it checks (routes, cookies, binding, errors) is core's handler, and every
// adapter must show the same behaviour through its framework. @oauth1a/express and @oauth1a/koa each
// import it from a small test file per framework major (express5, express4, koa3, koa2) that supplies an
// AdapterDriver; the suite itself never imports a framework. Nothing here is a test file on its own
// (no `.test.ts`), so core's own run does not execute it.
import type { RequestListener } from 'node:http';
import type { OAuth1Context, OAuth1HandlerOptions } from '../../src/index.js';

export interface AppSetup {
  /** One `oauth1(options)` per entry, mounted in this order. */
  mounts: OAuth1HandlerOptions[];
  /** Express `app.set('trust proxy', true)` / Koa `app.proxy = true`. */
  trustProxy?: boolean;
}

export interface AdapterDriver {
  /** `express5`, `express4`, `koa3`, `koa2`. */
  name: string;
  /**
   * A real app: the mounts, then a last route that calls `appRoute` with the adapter's own accessor
   * (`getOAuth1(req, id)` / `getOAuth1(ctx, id)`) and answers its result as JSON. Throws whatever
   * `oauth1()` throws at startup; faults thrown after it go to the framework's own error handling.
   */
  createApp(setup: AppSetup): RequestListener;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

type GetContext = (providerId?: string) => OAuth1Context;

function summary(context: OAuth1Context) {
  return {
    authorized: context.authorized,
    profile: context.profile ?? null,
    userId: context.credentials?.params.user_id ?? null,
  };
}

/** The form body of every signed call: duplicate keys, `+`, `~`, `*`, unicode and an empty value. */
export const ECHO_FORM: [string, string][] = [
  ['k', 'v1'],
  ['k', 'v2'],
  ['plus', '1+1'],
  ['tilde', '~'],
  ['star', '*'],
  ['u', 'ü 日本 🎉'],
  ['empty', ''],
];

/**
 * The app's own routes, framework-agnostic: `GET /me?ids=a,b` (the first-mounted connection and each
 * named one, never a secret) and `GET /echo?provider=id&target=url` (a signed POST through the
 * connection's `fetch`). `null` for any other path.
 */
export async function appRoute(get: GetContext, url: URL): Promise<RouteResult | null> {
  if (url.pathname === '/me') {
    const ids = url.searchParams.get('ids')?.split(',') ?? [];
    return {
      status: 200,
      body: { first: summary(get()), providers: Object.fromEntries(ids.map((id) => [id, summary(get(id))])) },
    };
  }
  if (url.pathname === '/echo') {
    const context = get(url.searchParams.get('provider') ?? undefined);
    try {
      const response = await context.fetch(url.searchParams.get('target') ?? '', {
        method: 'POST',
        body: new URLSearchParams(ECHO_FORM),
      });
      return { status: 200, body: { status: response.status, echo: await response.json() } };
    } catch (error) {
      return { status: 200, body: { error: (error as { code?: string }).code ?? 'unknown' } };
    }
  }
  return null;
}
