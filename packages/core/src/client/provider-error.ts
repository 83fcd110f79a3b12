import { OAuth1Error, type OAuth1ErrorCode, type ProviderResponseExcerpt } from '../errors.js';
import { percentEncode } from '../signature/percent-encode.js';

const EXCERPT_LENGTH = 500;
const LIFTED_MESSAGE_LENGTH = 200;
const REDACTED = '[redacted]';

// Secret-bearing fields as providers name them, in urlencoded, Authorization-header and JSON form.
// oauth_signature is one of them: with PLAINTEXT it is the consumer and token secrets themselves, and
// providers that explain a bad signature echo the header they received.
const SECRET_NAMES = 'oauth_token_secret|oauth_verifier|oauth_session_handle|oauth_signature|[a-z_]*secret';
const SECRET_FIELD_QUOTED = new RegExp(`((?:^|[&?,\\s])(?:${SECRET_NAMES})\\s*=\\s*)"[^"]*"`, 'gi');
const SECRET_FIELD_URLENCODED = new RegExp(`((?:^|[&?,\\s])(?:${SECRET_NAMES})=)(?!")[^&\\s,]*`, 'gi');
const SECRET_FIELD_JSON = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');

/**
 * A secret as it may appear in echoed text: raw, percent-encoded once (a signature key), twice (a
 * PLAINTEXT signature in a header or query) or three times (that header quoted in an urlencoded answer),
 * each also with lower-case hex digits (some stacks encode so), and base64 or base64url (a Basic
 * credential "key:secret", a base64-encoded signing key).
 */
function spellings(secret: string): string[] {
  const found = new Set([secret]);
  let level = [secret];
  for (let round = 0; round < 3; round++) {
    level = level.flatMap((value) => [percentEncode(value), encodeURIComponent(value)]);
    for (const value of level) {
      found.add(value);
      found.add(value.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    }
  }
  for (const core of base64Cores(secret)) found.add(core);
  // Longest first, so that no shorter spelling cuts a longer one and leaves part of it behind.
  return [...found].sort((a, b) => b.length - a.length);
}

// Shorter base64 runs would redact ordinary text by chance.
const MIN_BASE64_CORE = 8;

/**
 * The characters of the secret's base64 that do not depend on its neighbours, at each of the three
 * byte alignments it can have inside a longer encoded text ("key:secret"): the first characters mix in
 * the bytes before it, the last one the bytes after it.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = shifted.toString('base64').replace(/=+$/, '');
    const lead = offset === 0 ? 0 : offset + 1;
    const trail = shifted.length % 3 === 0 ? 0 : 1;
    const core = encoded.slice(lead, encoded.length - trail);
    if (core.length < MIN_BASE64_CORE) continue;
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** Removes known secrets and secret-named fields from provider text before it reaches an error. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let redacted = text
    .replace(SECRET_FIELD_QUOTED, `$1"${REDACTED}"`)
    .replace(SECRET_FIELD_URLENCODED, `$1${REDACTED}`)
    .replace(SECRET_FIELD_JSON, `$1"${REDACTED}"`);
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret === undefined || secret.length < 6) continue;
    for (const spelling of spellings(secret)) redacted = redacted.split(spelling).join(REDACTED);
  }
  return redacted;
}

/** The provider's own explanation, where it gives one: X's `errors[0].message`, `oauth_problem`, ... */
export function liftProviderMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      const errors = json.errors;
      const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
      for (const candidate of [
        first?.message,
        json.error_description,
        json.message,
        json.error,
        json.oauth_problem,
        json.detail,
      ]) {
        if (typeof candidate === 'string' && candidate !== '') return candidate;
      }
    } catch {
      // Not JSON after all: fall through to the urlencoded reading.
    }
  }
  if (/(^|&)oauth_problem=/.test(trimmed)) {
    const params = new URLSearchParams(trimmed);
    const problem = params.get('oauth_problem');
    const advice = params.get('oauth_problem_advice');
    if (problem) return advice ? `oauth_problem=${problem}: ${advice}` : `oauth_problem=${problem}`;
  }
  return undefined;
}

/** The `oauth_problem` a provider named in its answer, if any. */
export function providerProblem(body: string): string | undefined {
  const trimmed = body.trim();
  const match = /(?:^|[&\s"'])oauth_problem"?\s*[=:]\s*"?([A-Za-z_]+)/.exec(trimmed);
  return match?.[1];
}

export interface ProviderFailure {
  code: OAuth1ErrorCode;
  /** "request token request", ... */
  purpose: string;
  response: Response;
  body: string;
  secrets?: readonly (string | undefined)[];
  /** What to check, appended to the message. */
  hint?: string;
}

/** A coded error carrying the provider's status, a redacted body excerpt, and its own message lifted. */
export function providerError(failure: ProviderFailure): OAuth1Error {
  const { response } = failure;
  const body = redactSecrets(failure.body, failure.secrets);
  const excerpt: ProviderResponseExcerpt = {
    status: response.status,
    body: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body,
  };
  if (response.statusText) excerpt.statusText = response.statusText;
  const contentType = response.headers.get('content-type');
  if (contentType) excerpt.contentType = contentType;
  // Lifting decodes (URL or JSON escapes), which can reveal a secret the raw redaction could not see.
  const liftedRaw = liftProviderMessage(body);
  const lifted = liftedRaw === undefined ? undefined : redactSecrets(liftedRaw, failure.secrets);
  const said = lifted === undefined ? '' : `: "${lifted.slice(0, LIFTED_MESSAGE_LENGTH)}"`;
  const hint = failure.hint ? `; ${failure.hint}` : '';
  const problem = providerProblem(body);
  return new OAuth1Error(
    failure.code,
    `${failure.purpose} failed: the provider answered ${response.status}${said}${hint}`,
    {
      provider: excerpt,
      ...(problem === undefined ? {} : { problem }),
    },
  );
}
