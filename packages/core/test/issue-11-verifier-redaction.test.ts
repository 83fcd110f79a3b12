// Regression (issue 11, finding 13): a provider that echoes the verifier in free text of an error body
// ("verifier 7b3k9q2x is invalid") put it in the OAuth1Error (message and excerpt) and so on the error
// page: only fields named oauth_verifier were redacted. The verifier (and a session handle) is now a known
// secret of the leg that sent it. The consumer secret is also redacted in the spellings a provider may
// echo it in besides raw and upper-case %-hex: lower-case %-hex and base64 (a Basic credential, a
// base64-encoded signing key), at any alignment inside a longer base64 text.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, IDLE, type OAuth1Error, redactSecrets } from '../src/index.js';
import { startServer, type TestServer } from './support/harness.js';

const CONSUMER = { key: 'consumer-key', secret: 'consumer+secret/with&reserved=chars' };
const VERIFIER = 'vrf-7b3k9q2xW';
const lowerHex = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
const base64 = (text: string) => Buffer.from(text).toString('base64');

let server: TestServer;
let accessTokenAnswer = '';

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/request_token')) {
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
      res.end('oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true');
      return;
    }
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(accessTokenAnswer);
  });
});

afterAll(async () => {
  await server.close();
});

function renderings(error: OAuth1Error): string {
  return [
    error.message,
    JSON.stringify(error),
    JSON.stringify(error.provider ?? null),
    inspect(error, { depth: 8, showHidden: true }),
  ].join('\n');
}

async function failedExchange(answer: string): Promise<OAuth1Error> {
  accessTokenAnswer = answer;
  const flow = createOAuth1Flow({
    provider: {
      id: 'echoing',
      name: 'Echoing',
      requestTokenUrl: `${server.url}/request_token`,
      authorizeUrl: `${server.url}/authorize`,
      accessTokenUrl: `${server.url}/access_token`,
    },
    consumer: CONSUMER,
  });
  const begun = await flow.begin(IDLE, { callbackUrl: 'http://127.0.0.1/callback' });
  return flow.exchange(begun.pending, VERIFIER).then(
    () => {
      throw new Error('the exchange should have failed');
    },
    (error: OAuth1Error) => error,
  );
}

describe('issue 11 (13): verifiers and consumer-secret spellings never reach an error', () => {
  it('a verifier echoed in free text is redacted from the message and the excerpt', async () => {
    const error = await failedExchange(
      JSON.stringify({ error: `verifier ${VERIFIER} is not valid for this token`, hint: `got ${VERIFIER}` }),
    );
    expect(error.code).toBe('access_token_failed');
    expect(error.message).toContain('[redacted]');
    expect(renderings(error)).not.toContain(VERIFIER);
  });

  it('the consumer secret in lower-case %-hex and in base64 is redacted', async () => {
    const basic = base64(`${CONSUMER.key}:${CONSUMER.secret}`);
    const error = await failedExchange(
      JSON.stringify({
        error: `bad key ${lowerHex(CONSUMER.secret)}&`,
        seen: `Basic ${basic}`,
        key: base64(`${CONSUMER.secret}&`),
      }),
    );
    const text = renderings(error);
    expect(text).not.toContain(lowerHex(CONSUMER.secret));
    expect(text).not.toContain(base64(CONSUMER.secret).replace(/=+$/, '').slice(0, -1));
    // The secret's base64 at the offset it has inside "key:secret" is gone too.
    expect(text).not.toContain(basic.slice(Math.ceil(((CONSUMER.key.length + 1) * 4) / 3) + 1, -4));
  });

  it('redactSecrets: base64 at every alignment and base64url; short values are left alone', () => {
    const secret = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = base64(`${prefix}${secret}`);
      const redacted = redactSecrets(`token ${encoded} end`, [secret]);
      expect(redacted).toContain('[redacted]');
      const url = Buffer.from(`${prefix}${secret}`).toString('base64url');
      expect(redactSecrets(url, [secret])).toContain('[redacted]');
    }
    expect(redactSecrets('see the manual', ['the'])).toBe('see the manual');
  });
});
