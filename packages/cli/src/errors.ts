import { isOAuth1Error, type OAuth1Error, type OAuth1ErrorCode } from '@oauth1a/core';
import { UsageError } from './args.js';

/** The documented exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The one-line fix per oauth_problem the provider reported, when it says more than the code. */
const PROBLEM_FIXES: Record<string, string> = {
  signature_invalid:
    'check --consumer-secret (or --private-key) and that the provider expects this signature method',
  consumer_key_unknown: 'check --consumer-key: the provider does not know it',
  consumer_key_rejected: 'the provider refuses this consumer key; check the app registration',
  timestamp_refused: "check this machine's clock (the provider refused the timestamp)",
  token_expired: 'the access token expired: run "oauth1a authorize" again',
  token_revoked: 'the access token was revoked: run "oauth1a authorize" again',
  token_rejected: 'the provider rejects the token: run "oauth1a authorize" again',
  signature_method_rejected:
    'the provider does not accept this signature method; set signatureMethod in the provider config',
};

const CODE_FIXES: Partial<Record<OAuth1ErrorCode, string>> = {
  invalid_config: 'fix the provider config or the consumer credentials named above',
  request_token_failed: 'check --consumer-key/--consumer-secret and the provider URLs',
  callback_not_confirmed:
    'the provider did not confirm the callback; set callbackConfirmed: false only if it speaks OAuth 1.0',
  access_denied: 'the authorization was declined; run "oauth1a authorize" again and approve',
  authorization_expired: 'run "oauth1a authorize" again and approve sooner (or pass a longer --timeout)',
  token_mismatch: 'the callback belongs to another login; run "oauth1a authorize" again',
  missing_verifier: 'enter the PIN the provider shows after you approve',
  access_token_failed:
    'the provider refused the verifier or the request token; run "oauth1a authorize" again',
  invalid_provider_response:
    'the provider answered something unexpected; check the provider URLs and tokenResponse',
  provider_timeout: 'the provider did not answer in time; try again or check the URL',
  provider_unreachable: 'check the URL and your network connection',
  not_authorized: 'run "oauth1a authorize" first',
  profile_failed: 'check the profile mapping ("who am I" URL and JSON paths) of the provider config',
  signature_method_unsupported:
    'use one of HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT',
  too_many_redirects: 'the provider redirects in a loop; check the URL',
};

function oauthFix(error: OAuth1Error): string {
  return (
    (error.problem === undefined ? undefined : PROBLEM_FIXES[error.problem]) ??
    CODE_FIXES[error.code] ??
    `see @oauth1a/core/errors.md#${error.code}`
  );
}

/** A failure as an error line, a one-line fix and the exit code. */
export function describeError(error: unknown): {
  message: string;
  fix: string | undefined;
  exitCode: number;
} {
  if (error instanceof UsageError) return { message: error.message, fix: error.fix, exitCode: EXIT.usage };
  if (isOAuth1Error(error)) {
    const usage = error.code === 'invalid_config' || error.code === 'signature_method_unsupported';
    const problem =
      error.problem === undefined || error.message.includes(error.problem) ? '' : ` [${error.problem}]`;
    return {
      message: `${error.message}${problem}`,
      fix: oauthFix(error),
      exitCode: usage ? EXIT.usage : EXIT.failed,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, fix: undefined, exitCode: EXIT.failed };
}
