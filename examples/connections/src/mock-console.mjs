import { createOAuth1Flow } from '@oauth1a/core';
import { escapeHtml as e } from '@oauth1a/example-kit';

/**
 * A token issued at a mock provider without the browser round trip, as NetSuite's "Access Tokens → New"
 * page issues one for its token-based auth: the three legs with `oob`, approved as `userId` by the mock
 * itself. What a user then pastes into the app's "Paste a token" form.
 *
 * @param {{ mock: import('@oauth1a/mock-provider').MockProvider, provider: import('@oauth1a/core').ProviderConfig,
 *   consumer: import('@oauth1a/core').ConsumerCredentials, userId?: string }} options
 * @returns {Promise<{ token: string, tokenSecret: string }>}
 */
export async function issueMockToken({ mock, provider, consumer, userId }) {
  const flow = createOAuth1Flow({ provider, consumer });
  const begun = await flow.begin({ status: 'idle' }, { callbackUrl: 'oob' });
  const requestToken = new URL(begun.authorizeUrl).searchParams.get('oauth_token') ?? '';
  const approved = new URL(mock.approve(requestToken, userId), 'http://oob.invalid');
  const { credentials } = await flow.complete(begun.state, approved.searchParams);
  return { token: credentials.token, tokenSecret: credentials.tokenSecret };
}

/**
 * The mock provider's "console" page, served by the example in mock mode only: choose a user, get a
 * token ID and secret to paste. It stands in for a provider's own console (a real app never shows a
 * token secret); the secret is shown once, never stored or logged by the app.
 */
export function mockConsolePage({ providerName, users, issued, accountId }) {
  const options = users.map(
    (user) => `<option value="${e(user.id)}">${e(user.name)} (${e(user.screenName)})</option>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(providerName)} console</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5; background: #f7f4ee">
<h1>${e(providerName)} console</h1>
<p>Stands in for the provider's own console (NetSuite: Setup → Users/Roles → Access Tokens → New).
Account ID <code>${e(accountId ?? '')}</code>.</p>
${
  issued
    ? `<p>Token issued for ${e(issued.userName)}. Copy both into the app's "Paste a token" form; the secret is shown only this once.</p>
<p>Token ID <code id="token">${e(issued.token)}</code></p>
<p>Token secret <code id="token-secret">${e(issued.tokenSecret)}</code></p>`
    : ''
}
<form method="post"><label>User <select name="userId">${options.join('')}</select></label>
<button id="issue">Issue a token</button></form>
</body></html>`;
}
