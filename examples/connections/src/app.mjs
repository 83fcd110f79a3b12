import { randomUUID } from 'node:crypto';
import { createOAuth1Flow } from '@oauth1a/core';
import { apiCallPage, ERROR_PAGE_HEADERS, errorPage, escapeHtml, page } from '@oauth1a/example-kit';
import { oauth1 } from '@oauth1a/express';
import express from 'express';
import { ownerCookie } from './owner.mjs';

/**
 * An integration platform's "connections" page: connect any of several providers (each account once),
 * each connection named by the provider's "who am I" answer and its credentials kept server-side in
 * `store`, a signed call through any connection, and disconnect.
 *
 * @param {{ providers: { provider: import('@oauth1a/core').ProviderConfig,
 *   consumer: import('@oauth1a/core').ConsumerCredentials, apiUrl: string }[],
 *   store: ReturnType<typeof import('./store.mjs').openConnectionStore>, sessionPassword: string,
 *   baseUrl?: string }} options
 *   `apiUrl`: an example API URL; signed calls may go to any path on its origin. `baseUrl`: the app's
 *   public origin (https://your.app), needed unless the app is opened on localhost or 127.0.0.1
 */
export function createApp({ providers, store, sessionPassword, baseUrl }) {
  const owner = ownerCookie(sessionPassword);
  const byId = new Map(
    providers.map(({ provider, consumer, apiUrl }) => {
      const url = new URL(apiUrl);
      const flow = createOAuth1Flow({ provider, consumer }); // for its signedFetch(credentials)
      return [provider.id, { provider, flow, apiOrigin: url.origin, examplePath: url.pathname + url.search }];
    }),
  );

  const app = express();
  app.use(owner.middleware);
  for (const { provider, consumer } of providers) {
    // GET /auth/<id>/login and /callback; the pending login is in a sealed cookie until the callback.
    app.use(
      oauth1({
        provider,
        consumer,
        baseUrl,
        session: { password: sessionPassword },
        async onAuthorized(credentials, request) {
          const who = await owner.read(request.headers.get('cookie'));
          if (!who) throw new Error('the callback came without the owner cookie that its login started with');
          const uid = credentials.profile?.id ?? credentials.params.user_id ?? randomUUID();
          const name = credentials.profile?.name ?? credentials.params.screen_name ?? uid;
          const connection = { id: `${provider.id}:${uid}`, providerId: provider.id, uid, name };
          await store.save(who, { ...connection, connectedAt: new Date().toISOString() }, credentials);
        },
        // Connections live in the store, looked up per call: giving this hook turns the credentials cookie off.
        loadCredentials: () => undefined,
      }),
    );
  }
  const form = express.urlencoded({ extended: false });

  app.get('/', async (req, res) => {
    res.type('html').send(page('oauth1a — Connections', connectionsPage(await store.list(req.owner), byId)));
  });

  app.post('/call', form, async (req, res) => {
    const connection = await store.get(req.owner, String(req.body.connection));
    const target = connection && byId.get(connection.providerId);
    if (!target) return refuse(res, 404, 'No such connection.');
    if (!connection.credentials)
      return refuse(res, 409, 'This connection no longer opens: connect it again.');
    const { flow, apiOrigin, examplePath } = target;
    const url = urlOnOrigin(String(req.body.path ?? ''), apiOrigin);
    if (!url) return refuse(res, 400, `Give a path on ${apiOrigin}, such as ${examplePath}.`);
    res.type('html').send(await apiCallPage(flow.signedFetch(connection.credentials), url));
  });

  app.post('/disconnect', form, async (req, res) => {
    await store.remove(req.owner, String(req.body.connection));
    res.redirect(303, '/');
  });

  // Last: any error becomes the error page (an OAuth1Error's message and code), never a stack trace.
  app.use((error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, html } = errorPage(error);
    res.status(status).set(ERROR_PAGE_HEADERS).type('html').send(html);
  });

  return app;
}

/** `path` resolved on `origin`, or undefined when it is not a path or leaves that origin (`//evil.example`). */
export function urlOnOrigin(path, origin) {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return undefined;
  const url = new URL(path, origin);
  return url.origin === origin ? url.href : undefined;
}

function refuse(res, status, text) {
  res.status(status).type('html');
  res.send(page('Connections', `<p id="message">${escapeHtml(text)}</p><p><a href="/">Back</a></p>`));
}

function connectionsPage(connections, byId) {
  const rows = connections.map(
    ({ id, providerId, uid, name, connectedAt }) =>
      `<tr class="connection" data-id="${escapeHtml(id)}"><td>${escapeHtml(byId.get(providerId)?.provider.name ?? providerId)}</td>
       <td class="identity">${escapeHtml(name)} (${escapeHtml(uid)})</td><td>${escapeHtml(connectedAt)}</td>
       <td><form method="post" action="/disconnect"><input type="hidden" name="connection" value="${escapeHtml(id)}">
       <button class="disconnect">Disconnect</button></form></td></tr>`,
  );
  const links = [...byId.values()].map(
    ({ provider }) =>
      `<li><a class="connect" href="/auth/${escapeHtml(provider.id)}/login?returnTo=/">Connect ${escapeHtml(provider.name)}</a></li>`,
  );
  const options = connections.map(
    ({ id, providerId, name }) =>
      `<option value="${escapeHtml(id)}">${escapeHtml(byId.get(providerId)?.provider.name ?? providerId)}: ${escapeHtml(name)}</option>`,
  );
  const examplePath = byId.values().next().value?.examplePath ?? '/';
  return `<h2>Your connections</h2>
${rows.length ? `<table id="connections"><tr><th>App</th><th>Account</th><th>Connected</th><th></th></tr>${rows.join('')}</table>` : '<p id="no-connections">No connections yet.</p>'}
<h2>Connect an app</h2>
<ul>${links.join('')}</ul>
${
  options.length
    ? `<h2>Call an API</h2>
<form method="post" action="/call">
  <label>Connection <select name="connection">${options.join('')}</select></label>
  <label>Path <input name="path" size="40" value="${escapeHtml(examplePath)}"></label>
  <button id="call">Call</button>
</form>`
    : ''
}`;
}
