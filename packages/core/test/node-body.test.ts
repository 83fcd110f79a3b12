// withNodeBody: a Node request's body handed to a Web Request — a body parser's result re-encoded, or the
// stream itself, read only if the handler reads it (so the app's own parsers still get it otherwise).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toWebRequest, withNodeBody } from '../src/node.js';

/** One real request to a loopback server; `inspect` runs on the server side with the IncomingMessage. */
async function through(
  init: RequestInit,
  inspect: (req: IncomingMessage) => Promise<unknown>,
): Promise<unknown> {
  let result: unknown;
  const server = createServer((req, res) => {
    inspect(req).then(
      (value) => {
        result = value;
        res.end('ok');
      },
      (error: unknown) => {
        result = error;
        res.end('error');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await (await fetch(`http://127.0.0.1:${port}/x`, init)).text();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

const form = {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'a=1&b=two',
};

describe('withNodeBody', () => {
  it('streams an unread body into the Web Request', async () => {
    const text = await through(form, (req) => withNodeBody(toWebRequest(req), req).text());
    expect(text).toBe('a=1&b=two');
  });

  it('reads nothing until the body is read: the stream is left for the app', async () => {
    const text = await through(form, async (req) => {
      withNodeBody(toWebRequest(req), req);
      let body = '';
      for await (const chunk of req) body += String(chunk);
      return body;
    });
    expect(text).toBe('a=1&b=two');
  });

  it('re-encodes a body parser’s object as a form, or as JSON for a JSON request', async () => {
    const fromForm = await through(form, async (req) => {
      for await (const _ of req); // a parser consumed it
      return withNodeBody(toWebRequest(req), req, { a: '1', list: ['x', 'y'] }).text();
    });
    expect(fromForm).toBe('a=1&list=x&list=y');
    const fromJson = await through(
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"1"}' },
      async (req) => {
        for await (const _ of req);
        return withNodeBody(toWebRequest(req), req, { a: '1' }).json();
      },
    );
    expect(fromJson).toEqual({ a: '1' });
  });

  it('leaves GET requests without a body', async () => {
    const request = await through({ method: 'GET' }, async (req) => withNodeBody(toWebRequest(req), req));
    expect((request as Request).body).toBeNull();
  });
});
