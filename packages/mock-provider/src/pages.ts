import type { MockUser } from './options.js';

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
button { font-size: 1rem; padding: .5rem 1.25rem; cursor: pointer; }
#approve { background: #1a7f37; color: #fff; border: 0; border-radius: 4px; }
#deny { background: #fff; border: 1px solid #999; border-radius: 4px; }
#verifier { font-size: 1.6rem; letter-spacing: .05em; background: #f3f3f3; padding: .5rem; display: inline-block; }
.problem { color: #a40e26; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface AuthorizePageInput {
  appName: string;
  token: string;
  users: readonly MockUser[];
  action: string;
}

/** The consent page: names the app and the user, Approve and Deny in one POST form. */
export function authorizePage(input: AuthorizePageInput): string {
  const first = input.users[0]!;
  const options = input.users
    .map(
      (user, i) =>
        `<option value="${escapeHtml(user.id)}"${i === 0 ? ' selected' : ''}>${escapeHtml(user.name)} (@${escapeHtml(user.screenName)})</option>`,
    )
    .join('\n      ');
  return layout(
    `Authorize ${input.appName}`,
    `<h1>Authorize <span id="app-name">${escapeHtml(input.appName)}</span> to use your account?</h1>
<p>Signed in as <strong id="user-name">${escapeHtml(first.name)}</strong> (@${escapeHtml(first.screenName)}).</p>
<form method="post" action="${escapeHtml(input.action)}">
  <input type="hidden" name="oauth_token" value="${escapeHtml(input.token)}">
  <label>Account
    <select name="user_id" id="user">
      ${options}
    </select>
  </label>
  <div class="actions">
    <button type="submit" name="action" value="approve" id="approve">Approve</button>
    <button type="submit" name="action" value="deny" id="deny">Deny</button>
  </div>
</form>`,
  );
}

/** Out-of-band (PIN) completion: the verifier the user types into the app. */
export function verifierPage(appName: string, verifier: string | undefined): string {
  const pin =
    verifier === undefined
      ? '<p>You may now return to the application.</p>'
      : `<p>Enter this code in ${escapeHtml(appName)} to finish:</p>
<p><code id="verifier">${escapeHtml(verifier)}</code></p>`;
  return layout('Authorized', `<h1 id="result">Authorized ${escapeHtml(appName)}</h1>\n${pin}`);
}

export function deniedPage(appName: string): string {
  return layout(
    'Access denied',
    `<h1 id="result">Access denied</h1>\n<p>${escapeHtml(appName)} was not given access to your account.</p>`,
  );
}

export function problemPage(problem: string, advice: string): string {
  return layout(
    'Authorization failed',
    `<h1>Authorization failed</h1>\n<p class="problem" id="problem">${escapeHtml(problem)}</p>\n<p>${escapeHtml(advice)}</p>`,
  );
}
