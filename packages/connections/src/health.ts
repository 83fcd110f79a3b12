import type { ConnectionError } from './types.js';

/** The `oauth_problem`s (OAuth Problem Reporting) that mean the token itself is no good any more. */
const TOKEN_PROBLEMS = new Set(['token_rejected', 'token_expired', 'token_revoked', 'permission_denied']);

function problemIn(text: string): string | undefined {
  const match = /(?:^|[&\s,"])oauth_problem="?([a-z_]+)/.exec(text);
  return match?.[1];
}

/**
 * Whether a provider's answer says the connection's token no longer works: a 401, or an
 * `oauth_problem` of token_rejected, token_expired, token_revoked or permission_denied (in
 * `WWW-Authenticate` or a short body). Reads a clone, so the caller's response stays unread.
 */
export async function tokenFailure(response: Response, where: string): Promise<ConnectionError | undefined> {
  if (response.status !== 400 && response.status !== 401 && response.status !== 403) return undefined;
  let problem = problemIn(response.headers.get('www-authenticate') ?? '');
  if (problem === undefined) {
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length <= 4096) {
      try {
        problem = problemIn((await response.clone().text()).slice(0, 4096));
      } catch {
        problem = undefined;
      }
    }
  }
  const tokenProblem = problem !== undefined && TOKEN_PROBLEMS.has(problem);
  if (response.status !== 401 && !tokenProblem) return undefined;
  return {
    code: 'connection_needs_reauth',
    message: `the provider answered ${response.status}${problem === undefined ? '' : ` (${problem})`} to ${where}; reconnect this connection`,
  };
}
