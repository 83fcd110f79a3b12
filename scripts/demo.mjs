// npm run demo: starts the mock provider and examples/express-basic on free loopback ports, drives the
// whole three-legged flow over HTTP like a browser, prints each leg, stops both and exits 0.
// Any failure exits 1 with the error's code and message.
import { request as httpRequest } from 'node:http';
import { format } from 'node:util';
import { startExample } from '../examples/express-basic/src/server.mjs';
import { Browser, htmlValue } from './lib/browser.mjs';

/** A GET with a Host header of our choosing (fetch does not let a caller set Host), as an attacker sends it. */
function getWithHost(url, host) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { host, accept: 'application/json' }, timeout: 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

const step = (label, detail = '') => console.log(`\u2714 ${label}${detail ? `\n    ${detail}` : ''}`);
const expect = (condition, message) => {
  if (!condition) throw Object.assign(new Error(message), { code: 'demo_failed' });
};

async function main() {
  // The demo always runs against the embedded mock provider, whatever the shell's environment says.
  const example = await startExample({ env: { OAUTH1A_PROVIDER: 'mock' } });
  try {
    console.log(
      `oauth1a demo — app ${example.appUrl}, provider "${example.provider.name}" at ${new URL(example.provider.requestTokenUrl).origin}\n`,
    );
    const browser = new Browser();

    const home = await browser.request(`${example.appUrl}/`);
    expect(
      home.status === 200 && home.text.includes('Not signed in'),
      'the home page should show "Not signed in"',
    );
    step('Home page: not signed in');

    const login = await browser.request(
      `${example.appUrl}/auth/${example.provider.id}/login?returnTo=/api-call`,
    );
    expect(
      login.status === 302 && login.location,
      `login should redirect to the provider (got ${login.status}: ${login.text.slice(0, 300)})`,
    );
    const authorizeUrl = new URL(login.location);
    const requestToken = authorizeUrl.searchParams.get('oauth_token');
    expect(requestToken, 'the authorize URL should carry oauth_token');
    step(
      'Leg 1 — request token obtained (POST /oauth/request_token, signed with the consumer key)',
      `oauth_token=${requestToken}`,
    );
    step('Leg 2 — user sent to the provider to authorize', authorizeUrl.href);

    const consent = await browser.request(authorizeUrl.href);
    expect(consent.status === 200, `the authorize page should load (got ${consent.status})`);
    const appName = htmlValue(consent.text, /id="app-name">([^<]*)</);
    const formToken = htmlValue(consent.text, /name="oauth_token" value="([^"]*)"/);
    const formAction = htmlValue(consent.text, /<form method="post" action="([^"]*)"/);
    expect(
      formToken === requestToken && formAction,
      'the authorize page should hold a form for this request token',
    );
    const approval = await browser.request(new URL(formAction.replaceAll('&amp;', '&'), authorizeUrl).href, {
      method: 'POST',
      form: { oauth_token: formToken, action: 'approve' },
    });
    expect(
      approval.status === 302 && approval.location,
      `approving should redirect to the app's callback (got ${approval.status})`,
    );
    const callbackUrl = new URL(approval.location);
    step(
      `User approved "${appName}" at the provider; it redirects to the callback`,
      `${callbackUrl.origin}${callbackUrl.pathname}?oauth_token=…&oauth_verifier=…`,
    );

    const callback = await browser.request(callbackUrl.href);
    expect(
      callback.status === 302,
      `the callback should redirect back into the app (got ${callback.status}: ${callback.text.slice(0, 300)})`,
    );
    const exchange = example.providerLog?.filter((entry) => entry.endpoint === 'access_token').at(-1);
    expect(exchange?.status === 200, 'the provider should have answered the access token request with 200');
    step(
      'Leg 3 — callback checked against the session and the verifier exchanged for an access token',
      `POST /oauth/access_token → ${exchange.status}; credentials sealed in an HttpOnly cookie`,
    );

    const apiPage = await browser.request(callback.location);
    expect(apiPage.status === 200, `the API page should load (got ${apiPage.status})`);
    const apiStatus = htmlValue(apiPage.text, /id="api-status">(\d+)</);
    const apiResult = htmlValue(apiPage.text, /<pre id="api-result">([\s\S]*?)<\/pre>/);
    expect(apiStatus === '200', `the signed API call should answer 200 (got ${apiStatus})`);
    const echoed = JSON.parse(
      apiResult
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&#39;', "'"),
    );
    step(
      `Signed API call — GET ${new URL(example.apiUrl).pathname} answered ${apiStatus}`,
      `the provider verified ${echoed.signatureMethod} for user ${echoed.userId}; query it saw: ${JSON.stringify(echoed.query)}`,
    );

    const signedIn = await browser.request(`${example.appUrl}/`);
    const user = htmlValue(signedIn.text, /id="user">([^<]*)</);
    expect(user, 'the home page should name the signed-in user');
    step(`Home page: signed in as ${user}`);

    const logout = await browser.request(`${example.appUrl}/auth/${example.provider.id}/logout`, {
      method: 'POST',
    });
    const after = await browser.request(`${example.appUrl}/`);
    expect(
      logout.status === 302 && after.text.includes('Not signed in'),
      'signing out should end the session',
    );
    step('Signed out');

    // The app runs in this process: its server log (console.error) is caught to show it in the step.
    const serverLog = [];
    const consoleError = console.error;
    console.error = (...args) => serverLog.push(format(...args));
    let forged;
    try {
      forged = await getWithHost(`${example.appUrl}/auth/${example.provider.id}/login`, 'evil.example');
    } finally {
      console.error = consoleError;
    }
    const forgedCode = JSON.parse(forged.body).error?.code;
    expect(
      forged.status === 500 && forgedCode === 'invalid_config' && serverLog.length === 1,
      `a login with a forged Host should be refused and logged (got ${forged.status}: ${forged.body.slice(0, 300)})`,
    );
    step(
      'A login with a forged Host (evil.example) is refused before the provider is asked',
      `the server logged: ${serverLog[0].split(': a Host header')[0]}: …`,
    );
    console.log('\nThe full three-legged flow works. `npm start` runs the same app for your browser.');
  } finally {
    await example.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\u2718 demo failed: ${error.code ?? 'error'} — ${error.message}`);
    process.exit(1);
  },
);
