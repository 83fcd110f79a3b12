// The load side of the benchmark, in a worker thread so that the main thread's event loop runs only the
// app under test: the mock provider (autoApprove: every login is approved at once by its first user) and
// N concurrent clients, each doing complete logins with its own cookie jar.
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { startMockProvider } from '@oauth1a/mock-provider';

export interface RunRequest {
  type: 'run';
  appUrl: string;
  durationMs: number;
  concurrency: number;
}

/** Plain requests to one path with a fixed cookie (or none): the per-request cost of an app's middleware. */
export interface RequestsRequest {
  type: 'requests';
  url: string;
  cookie?: string | undefined;
  durationMs: number;
  concurrency: number;
}

export interface RequestsResult {
  requests: number;
  failures: number;
  elapsedMs: number;
}

/** One complete login; answers the cookie header the client holds afterwards (a logged-in browser). */
export interface SessionRequest {
  type: 'session';
  appUrl: string;
}

export interface RunResult {
  logins: number;
  failures: number;
  elapsedMs: number;
  /** Milliseconds of each callback request (leg 3, "who am I", session write). */
  callbackMs: number[];
}

function jar(cookies: Map<string, string>, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.slice(0, cookie.indexOf(';') === -1 ? undefined : cookie.indexOf(';'));
    const eq = pair.indexOf('=');
    if (/;\s*Max-Age=0/i.test(cookie)) cookies.delete(pair.slice(0, eq));
    else cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

async function step(url: string, cookies: Map<string, string>): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, { redirect: 'manual', headers });
  jar(cookies, response);
  return response;
}

/** login -> authorize (auto-approved) -> callback -> one signed call; the callback's duration. */
async function login(appUrl: string, cookies = new Map<string, string>()): Promise<number> {
  const started = await step(`${appUrl}/auth/mock/login`, cookies);
  await started.arrayBuffer();
  const authorize = started.headers.get('location');
  if (started.status !== 302 || !authorize) throw new Error(`login answered ${started.status}`);
  const approved = await step(authorize, new Map());
  await approved.arrayBuffer();
  const callback = approved.headers.get('location');
  if (!callback) throw new Error(`authorize answered ${approved.status}`);
  const t0 = performance.now();
  const done = await step(callback, cookies);
  await done.arrayBuffer();
  const callbackMs = performance.now() - t0;
  if (done.status !== 302) throw new Error(`callback answered ${done.status}`);
  const call = await step(`${appUrl}/api/echo`, cookies);
  const echo = (await call.json()) as { userId?: string };
  if (call.status !== 200 || echo.userId !== '1001') throw new Error(`signed call answered ${call.status}`);
  return callbackMs;
}

async function run({ appUrl, durationMs, concurrency }: RunRequest): Promise<RunResult> {
  const result: RunResult = { logins: 0, failures: 0, elapsedMs: 0, callbackMs: [] };
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          result.callbackMs.push(await login(appUrl));
          result.logins += 1;
        } catch (error) {
          result.failures += 1;
          if (result.failures <= 3) console.error(String(error));
        }
      }
    }),
  );
  result.elapsedMs = performance.now() - start;
  return result;
}

async function requests({ url, cookie, durationMs, concurrency }: RequestsRequest): Promise<RequestsResult> {
  const result: RequestsResult = { requests: 0, failures: 0, elapsedMs: 0 };
  const headers: Record<string, string> = cookie === undefined ? {} : { cookie };
  // node:http with keep-alive: a lighter client than fetch, so that the app, not this thread, is the
  // bottleneck of these cheap requests.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      request(url, { headers, agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const { status, text } = await get();
        if (status === 200 && text === 'hello') result.requests += 1;
        else if (++result.failures <= 3) console.error(`${url} answered ${status}`);
      }
    }),
  );
  result.elapsedMs = performance.now() - start;
  agent.destroy();
  return result;
}

async function session({ appUrl }: SessionRequest): Promise<string> {
  const cookies = new Map<string, string>();
  await login(appUrl, cookies);
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

const port = parentPort;
if (port) {
  const mock = await startMockProvider({ autoApprove: true, maxLogEntries: 1000 });
  port.postMessage({
    type: 'ready',
    provider: mock.provider,
    consumer: mock.consumer,
    echo: mock.endpoints.echo,
    whoami: mock.endpoints.whoami,
  });
  port.on('message', (message: RunRequest | RequestsRequest | SessionRequest | { type: 'close' }) => {
    if (message.type === 'close') {
      void mock.close().then(() => port.close());
    } else if (message.type === 'requests') {
      void requests(message).then((result) => port.postMessage({ type: 'result', result }));
    } else if (message.type === 'session') {
      void session(message).then((cookie) => port.postMessage({ type: 'session', cookie }));
    } else {
      void run(message).then((result) => port.postMessage({ type: 'result', result }));
    }
  });
}
