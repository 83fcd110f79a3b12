// App instances as people run them: each a real Express app on its own port with its own pg.Pool
// (handling the pool's `error` event), a connectionsRoutes() mount and the app's own "who is signed in"
// (an x-user header here), all sharing one PostgreSQL database and one callback URL (the load
// balancer's). A test sends each request to the instance it chooses, as a load balancer would.
import type { AddressInfo } from 'node:net';
import type { Connections } from '@oauth1a/connections';
import { createConnections } from '@oauth1a/connections';
import { postgresStore } from '@oauth1a/connections/postgres';
import type { MockProvider } from '@oauth1a/mock-provider';
import express from 'express';
import pg from 'pg';
import { connectionsRoutes } from '../../src/index.js';

/** The public origin all instances sit behind; the browser's Origin on their POSTs. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';
export const SECRET = 'a-connections-secret-of-at-least-32-chars!';

export interface Instance {
  name: string;
  url: string;
  pool: pg.Pool;
  connections: Connections;
  /** Errors the pool raised on idle clients (a server restart): handled, counted, never fatal. */
  poolErrors: Error[];
  close(): Promise<void>;
}

export async function startInstance(
  name: string,
  mock: MockProvider,
  databaseUrl: string,
  schema: string,
): Promise<Instance> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    options: `-c search_path=${schema}`,
    // A server that accepts no connection must fail the request, not hang it.
    connectionTimeoutMillis: 5000,
  });
  const poolErrors: Error[] = [];
  // node-postgres raises `error` when the server drops an idle client; unhandled, it ends the process.
  pool.on('error', (error) => poolErrors.push(error));
  const connections = createConnections({
    store: postgresStore(pool),
    secret: SECRET,
    callbackUrl: `${APP_ORIGIN}/connections/callback`,
    providers: { mock: { provider: mock.provider, consumer: mock.consumer } },
    timeoutMs: 5000,
  });
  const app = express();
  app.use(
    connectionsRoutes({
      connections,
      owner: (req) => req.get('x-user'),
      logger: { error() {} },
    }),
  );
  app.get('/me/connections', (req, res, next) => {
    if (req.connections === undefined) {
      res.status(401).end();
      return;
    }
    req.connections.list().then((list) => res.json(list), next);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pool,
    connections,
    poolErrors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** POST {basePath}/mock/connect on `instance` as `owner`: the request token the provider issued. */
export async function startConnect(instance: Instance, owner: string, label?: string): Promise<string> {
  const response = await fetch(`${instance.url}/connections/mock/connect`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: APP_ORIGIN,
      'x-user': owner,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(label === undefined ? {} : { label }).toString(),
    signal: AbortSignal.timeout(20_000),
  });
  if (response.status !== 303) {
    throw new Error(`connect on ${instance.name} answered ${response.status}: ${await response.text()}`);
  }
  return new URL(response.headers.get('location')!).searchParams.get('oauth_token')!;
}

/** The provider's redirect back, sent to `instance` (path and query of the callback URL). */
export function callback(instance: Instance, owner: string, callbackUrl: string): Promise<Response> {
  const url = new URL(callbackUrl);
  return fetch(`${instance.url}${url.pathname}${url.search}`, {
    redirect: 'manual',
    headers: { 'x-user': owner },
    signal: AbortSignal.timeout(20_000),
  });
}

/** The code of an error page (`data-code`) or JSON error. */
export async function errorCode(response: Response): Promise<string | undefined> {
  const text = await response.text();
  return /data-code="([a-z_]+)"/.exec(text)?.[1] ?? undefined;
}

let schemas = 0;
/** A fresh schema per test file, so parallel runs never see each other's rows. */
export async function freshSchema(databaseUrl: string): Promise<string> {
  const schema = `oauth1a_web_${process.pid}_${Date.now()}_${schemas++}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return schema;
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

const DATABASE_URL = process.env.DATABASE_URL;
export const databaseUrl = DATABASE_URL === '' ? undefined : DATABASE_URL;
if (databaseUrl === undefined) {
  if (process.env.CI === 'true') {
    throw new Error(
      'DATABASE_URL is missing: CI must start PostgreSQL for the two-instance tests (scripts/with-postgres.sh npm test)',
    );
  }
  console.warn(
    'SKIPPED the two-instance PostgreSQL tests: DATABASE_URL is not set (run them with scripts/with-postgres.sh npx vitest run)',
  );
}
