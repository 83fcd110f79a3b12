import { escapeHtml as e, pretty } from '@oauth1a/example-kit';

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #1d2330; }
header { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid #dde1e8; padding-bottom: .5rem; }
header form { display: inline; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .4rem; border-bottom: 1px solid #e6e9ef; vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #5b6475; }
.name { font-weight: 600; } .sub { color: #5b6475; font-size: .85rem; }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.badge.active { background: #dcf5e3; color: #17642f; }
.badge.needs_reauth { background: #fff0c9; color: #7a5300; }
.badge.expired { background: #fde0de; color: #8c1d18; }
.actions { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
.actions form { display: inline-flex; gap: .25rem; margin: 0; }
.actions input { width: 8rem; }
button { cursor: pointer; }
.error { color: #8c1d18; font-size: .8rem; margin-top: .25rem; max-width: 16rem; }
.error summary { cursor: pointer; }
.provider, .checked, .account { white-space: nowrap; }
fieldset { border: 1px solid #dde1e8; border-radius: .4rem; margin: .8rem 0; padding: .6rem .9rem; }
fieldset label { margin-right: .8rem; }
#notice { background: #eef4ff; border: 1px solid #c9dafc; padding: .5rem .8rem; border-radius: .4rem; }
pre { background: #f5f6f8; padding: .8rem; overflow-x: auto; }
`;

/** A page of the example: its title, the signed-in user (with Sign out) and the body. */
export function layout(title, body, { user } = {}) {
  const who = user
    ? `<span>Signed in as <strong id="user">${e(user)}</strong>
       <form method="post" action="/signout"><button id="sign-out">Sign out</button></form></span>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1>${who}</header>
${body}
</body></html>`;
}

/** The sign-in form (any username: this stands in for your app's own sign-in). */
export function signInPage(message) {
  return layout(
    'oauth1a — Connections',
    `${message ? `<p id="notice">${e(message)}</p>` : ''}
<p>Sign in to see and manage your connections. Pick any username: this stands in for your app's own sign-in.</p>
<form method="post" action="/signin">
  <label>Username <input id="username" name="username" required maxlength="40" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}" autocomplete="username"></label>
  <button id="sign-in">Sign in</button>
</form>`,
  );
}

/**
 * What a connection's badge says: **expired** when the expiry the provider stated has passed or the
 * provider answered `token_expired` (an `oauth_problem` of the OAuth Problem Reporting extension),
 * **needs re-authorization** when the token was turned down otherwise (revoked, say), else **active**.
 */
export function statusOf(connection, now = Date.now()) {
  if (connection.status === 'active') return { key: 'active', text: 'active' };
  const stated = connection.expiresAt !== undefined && Date.parse(connection.expiresAt) <= now;
  if (stated || /\btoken_expired\b/.test(connection.lastError?.message ?? '')) {
    return { key: 'expired', text: 'expired' };
  }
  return { key: 'needs_reauth', text: 'needs re-authorization' };
}

function when(iso) {
  if (!iso) return 'never';
  // Date and time (UTC) on two short lines; the full instant in the datetime attribute.
  const [day, time] = iso.split('T');
  return `<time datetime="${e(iso)}">${e(day)}<br>${e((time ?? '').slice(0, 8))} UTC</time>`;
}

function hidden(name, value) {
  return `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
}

function connectionRow(connection, views, basePath) {
  const view = views[connection.provider];
  const status = statusOf(connection);
  const action = (verb) => `${basePath}/${encodeURIComponent(connection.id)}/${verb}`;
  const title = connection.label ?? connection.name ?? connection.uid;
  return `<tr class="connection" data-id="${e(connection.id)}" data-status="${e(status.key)}">
<td class="name">${e(title)}</td>
<td class="account">${e(connection.name ?? '')} <span class="sub">(uid ${e(connection.uid)})</span></td>
<td class="provider">${e(view?.name ?? connection.provider)}</td>
<td><span class="badge ${e(status.key)}">${e(status.text)}</span>${
    connection.lastError && connection.status !== 'active'
      ? `<details class="error last-error" data-code="${e(connection.lastError.code)}"><summary>Reconnect to use it again</summary>${e(connection.lastError.message)}</details>`
      : ''
  }</td>
<td class="checked">${when(connection.lastCheckedAt)}</td>
<td><div class="actions">
  <form method="post" action="${e(action('test'))}">${hidden('returnTo', '/')}<button class="test">Test</button></form>
  <form method="post" action="${e(action('reconnect'))}">${hidden('returnTo', '/')}<button class="reconnect">Reconnect</button></form>
  <form method="post" action="${e(action('rename'))}">${hidden('returnTo', '/')}<input name="label" aria-label="New name" placeholder="new name" required maxlength="80"><button class="rename">Rename</button></form>
  <form method="post" action="${e(action('delete'))}">${hidden('returnTo', '/')}<button class="disconnect">Disconnect</button></form>
</div></td></tr>`;
}

function settingsFields(view) {
  return (view.settings ?? [])
    .map(
      ({ name, label, example }) =>
        `<label>${e(label)} <input name="settings.${e(name)}" value="${e(example ?? '')}" required></label>`,
    )
    .join('');
}

function connectForms(views, basePath) {
  return Object.entries(views)
    .map(
      ([
        id,
        view,
      ]) => `<form method="post" action="${e(`${basePath}/${encodeURIComponent(id)}/connect`)}" class="connect" data-provider="${e(id)}">
  <fieldset><legend>${e(view.name)}</legend>${hidden('returnTo', '/')}
  <label>Name it <input name="label" placeholder="optional" maxlength="80"></label>${settingsFields(view)}
  <button>Connect ${e(view.name)}</button></fieldset></form>`,
    )
    .join('\n');
}

function ownConsumerForms(views, basePath) {
  return Object.entries(views)
    .filter(([, view]) => view.ownConsumerHint !== undefined || view.ownConsumer)
    .map(
      ([
        id,
        view,
      ]) => `<form method="post" action="${e(`${basePath}/${encodeURIComponent(id)}/connect`)}" class="own-consumer" data-provider="${e(id)}">
  <fieldset><legend>${e(view.name)} with your own app</legend>${hidden('returnTo', '/')}
  <label>Consumer key <input name="consumerKey" required autocomplete="off"></label>
  <label>Consumer secret <input name="consumerSecret" type="password" required autocomplete="off"></label>
  <label>Name it <input name="label" placeholder="optional" maxlength="80"></label>
  <button>Connect with my key</button>${
    view.ownConsumerHint
      ? `<p class="sub">The mock knows one such app: key <code>${e(view.ownConsumerHint)}</code> (its secret is in the example's README).</p>`
      : ''
  }</fieldset></form>`,
    )
    .join('\n');
}

function importForms(views, basePath, mockConsole) {
  return Object.entries(views)
    .filter(([, view]) => view.importToken)
    .map(
      ([
        id,
        view,
      ]) => `<form method="post" action="${e(`${basePath}/${encodeURIComponent(id)}/import`)}" class="import" data-provider="${e(id)}">
  <fieldset><legend>${e(view.name)}: paste a token</legend>${hidden('returnTo', '/')}
  ${settingsFields(view)}
  <label>Token ID <input name="token" required autocomplete="off"></label>
  <label>Token secret <input name="tokenSecret" type="password" required autocomplete="off"></label>
  <label>Name it <input name="label" placeholder="optional" maxlength="80"></label>
  <button>Save token</button>${
    mockConsole?.[id]
      ? `<p class="sub">Get one from the <a href="${e(mockConsole[id])}" target="_blank" rel="noopener">${e(view.name)} console</a>, as NetSuite's Access Tokens page issues them.</p>`
      : ''
  }</fieldset></form>`,
    )
    .join('\n');
}

/**
 * The connections page: every connection of the signed-in user with its badge and buttons, the connect
 * forms (one per provider, with a name and the provider's settings), "your own consumer key", "paste a
 * token", and the signed-call form. Everything a user or a provider supplied is escaped.
 */
export function connectionsPage({ user, connections, views, basePath, notice, mockConsole }) {
  const rows = connections.map((connection) => connectionRow(connection, views, basePath)).join('\n');
  const options = connections
    .map((c) => {
      const title = c.label ?? c.name ?? c.uid;
      return `<option value="${e(c.id)}" data-path="${e(views[c.provider]?.examplePath ?? '')}">${e(title)} — ${e(views[c.provider]?.name ?? c.provider)}</option>`;
    })
    .join('');
  const firstPath = connections.length ? (views[connections[0].provider]?.examplePath ?? '') : '';
  return layout(
    'oauth1a — Connections',
    `${notice ? `<p id="notice">${e(notice)}</p>` : ''}
<h2>Your connections</h2>
${
  rows
    ? `<table id="connections"><thead><tr><th>Name</th><th>Account</th><th>Provider</th><th>Status</th><th>Last checked</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>`
    : '<p id="no-connections">No connections yet: connect one below.</p>'
}
<h2>Connect an account</h2>
<p class="sub">Connect as many accounts as you like, several of one provider too: each is named by the provider's "who am I".</p>
${connectForms(views, basePath)}
${ownConsumerForms(views, basePath) ? `<h2>Bring your own consumer key</h2>\n${ownConsumerForms(views, basePath)}` : ''}
${importForms(views, basePath, mockConsole) ? `<h2>Paste a token</h2>\n${importForms(views, basePath, mockConsole)}` : ''}
${
  options
    ? `<h2>Call an API</h2>
<form method="post" action="/call" id="call-form">
  <label>Connection <select name="connection">${options}</select></label>
  <label>Path <input name="path" size="36" value="${e(firstPath)}"></label>
  <button id="call">Call</button>
  <p class="sub">The path is resolved on the provider's API base URL; the signed call cannot leave it.</p>
</form>`
    : ''
}`,
    { user },
  );
}

/** The answer of a signed call: status and (pretty) JSON. */
export function apiResultPage({ user, connection, providerName, url, status, body }) {
  return layout(
    'oauth1a — API call',
    `<p>GET <code>${e(url)}</code> through <strong>${e(connection.label ?? connection.name ?? connection.uid)}</strong>
(${e(providerName)}) answered <strong id="api-status">${e(status)}</strong>:</p>
<pre id="api-result">${e(pretty(body))}</pre>
<p><a href="/">Back to connections</a></p>`,
    { user },
  );
}

/** A small page for a refused request (a 4xx the app itself answers). */
export function messagePage(title, text, { user, code } = {}) {
  return layout(
    title,
    `<p id="error"${code ? ` data-code="${e(code)}"` : ''}>${e(text)}</p><p><a href="/">Back to connections</a></p>`,
    { user },
  );
}
