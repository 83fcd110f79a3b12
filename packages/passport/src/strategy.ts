import {
  buildAuthorizeUrl,
  isOAuth1Error,
  OAuth1Error,
  type OAuth1ErrorCode,
  type OAuth1Flow,
  type SignedFetch,
} from '@oauth1a/core';
import { resolveCallbackUrl } from './callback-url.js';
import { initializeStrategy } from './initialize.js';
import { InternalOAuthError } from './internal-oauth-error.js';
import type { OAuth } from './node-oauth.js';
import type {
  CommonOptions,
  EndpointOptions,
  OAuth1StrategyOptions,
  OAuth1StrategyOptionsWithRequest,
  ProviderOptions,
  SkipUserProfile,
} from './options.js';
import { PassportStrategy } from './passport-base.js';
import { fromCoreProfile, type PassportProfile } from './profile.js';
import { isCallback, queryOf, type StrategyRequest } from './request.js';
import { shouldSkipUserProfile } from './skip-user-profile.js';
import { type RequestTokenStore, type StoreMeta, storeDestroy, storeGet, storeSet } from './store.js';
import {
  type AnyVerifyFunction,
  invokeVerify,
  type TokenParams,
  type VerifyFunction,
  type VerifyFunctionWithParams,
  type VerifyFunctionWithRequest,
  type VerifyFunctionWithRequestAndParams,
} from './verify.js';

/** `passport.authenticate(name, options)`: Passport's own options plus these. */
export interface AuthenticateOptions {
  /** Overrides the strategy's callbackURL for this login. */
  callbackURL?: string;
  /** Kept in the request-token store and handed back in `info.state` on success (passport-oauth1). */
  state?: unknown;
  /** Extra query on the authorize redirect for this login. */
  authorizeParams?: Record<string, string>;
  /** X/Twitter: `force_login=true` on the authorize redirect. */
  forceLogin?: boolean | string;
  /** X/Twitter: `screen_name` prefilled on the authorize page. */
  screenName?: string;
  [option: string]: unknown;
}

export type ProfileDone = (error: unknown, profile?: PassportProfile) => void;

type WithoutRequest = OAuth1StrategyOptions;
type WithRequest = OAuth1StrategyOptionsWithRequest;

/** Codes that mean "not authenticated" rather than "something broke": Passport's `fail()`. */
const FAILURES: ReadonlySet<OAuth1ErrorCode> = new Set([
  'access_denied',
  'token_mismatch',
  'no_pending_authorization',
  'authorization_expired',
  'missing_verifier',
]);

type Outcome = () => void;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [name, entry] of Object.entries(value)) {
    if (entry !== undefined && entry !== null) out[name] = String(entry);
  }
  return out;
}

/** A node-oauth token call as a promise; the first answer wins (a callback called twice is ignored). */
function tokenCall(
  run: (done: (error: unknown, token?: unknown, secret?: unknown, results?: unknown) => void) => void,
): Promise<{ token: unknown; secret: unknown; results: unknown }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    run((error, token, secret, results) => {
      if (settled) return;
      settled = true;
      if (error) reject({ leg: error });
      else resolve({ token, secret, results });
    });
  });
}

/**
 * Passport strategy for OAuth 1.0a, a drop-in for passport-oauth1's `OAuthStrategy`: the same options,
 * verify signatures, store interface, `_oauth` and overridable methods, on oauth1a's core signer. The
 * token legs run through `this._oauth.getOAuthRequestToken` / `getOAuthAccessToken`, so subclasses that
 * override or stub them keep working. Deliberately stricter than passport-oauth1: the request-token
 * answer must confirm the callback, the callback's token must be the pending one (constant time), the
 * pending login is used once and expires, and a relative callbackURL never trusts a non-loopback Host.
 *
 * The verify callback's shape is picked by its parameter count, as passport-oauth1 does: 4 (5 with
 * `passReqToCallback`) without `params`, 5 (6) with. Do not give it default values or rest parameters.
 */
export class OAuth1Strategy<Req extends StrategyRequest = StrategyRequest> extends PassportStrategy {
  declare name: string;
  declare protected readonly _verify: AnyVerifyFunction<Req>;
  /** Core's flow for this provider: its validated config, "who am I" and the signed fetch. */
  declare protected readonly _flow: OAuth1Flow;
  /** node-oauth's `OAuth` client on core's signer; the token legs and `userProfile` overrides use it. */
  declare _oauth: OAuth;
  declare protected readonly _userAuthorizationURL: string;
  declare protected readonly _callbackURL: string | undefined;
  declare protected readonly _origin: string | undefined;
  /** Where the store keeps the pending login (`req.session[_key]`), `oauth:<host>` by default. */
  declare protected readonly _key: string;
  declare protected readonly _requestTokenStore: RequestTokenStore;
  declare protected readonly _pendingTtlMs: number;
  declare protected readonly _trustProxy: boolean;
  declare protected readonly _passReqToCallback: boolean;
  declare protected readonly _skipUserProfile: SkipUserProfile;

  constructor(options: WithoutRequest, verify: VerifyFunction);
  constructor(options: WithoutRequest, verify: VerifyFunctionWithParams);
  constructor(options: WithRequest, verify: VerifyFunctionWithRequest<Req>);
  constructor(options: WithRequest, verify: VerifyFunctionWithRequestAndParams<Req>);
  constructor(options: WithoutRequest | WithRequest, verify: AnyVerifyFunction<Req>) {
    super();
    initializeStrategy(this, options, verify);
  }

  /** Starts a login (no `oauth_token` in the query) or handles the provider's redirect back. */
  authenticate(req: StrategyRequest, options: AuthenticateOptions = {}): void {
    const query = queryOf(req);
    const work = isCallback(query) ? this._handleCallback(req, query) : this._beginLogin(req, options);
    work.then(
      (outcome) => outcome(),
      (error: unknown) => this._failOrError(error),
    );
  }

  /**
   * The user's profile for verify. Default: core's "who am I" when the provider config has a profile
   * mapping, else `{}` as in passport-oauth1. Override it as in passport-oauth1 (with
   * `this._oauth.get(url, token, tokenSecret, cb)`) or with `this.signedFetch(token, tokenSecret)`.
   */
  userProfile(token: string, tokenSecret: string, _params: TokenParams, done: ProfileDone): void {
    if (this._flow.provider.profile === undefined) {
      done(null, {});
      return;
    }
    this._flow.fetchProfile({ token, tokenSecret }).then(
      ({ profile, raw }) => done(null, fromCoreProfile(this._flow.provider.id, profile, raw)),
      (error: unknown) => done(error),
    );
  }

  /** Extra parameters for the request-token leg of this login (passport-oauth1's hook). */
  requestTokenParams(_options: AuthenticateOptions): Record<string, string> {
    return {};
  }

  /** Extra query on the authorize redirect: `authorizeParams`, `forceLogin` and `screenName` of authenticate's options. */
  userAuthorizationParams(options: AuthenticateOptions): Record<string, string> {
    const params = stringRecord(options.authorizeParams);
    if (options.forceLogin !== undefined && options.forceLogin !== false) {
      params.force_login = String(options.forceLogin);
    }
    if (options.screenName !== undefined) params.screen_name = options.screenName;
    return params;
  }

  /** Turns a provider's error answer into the error Passport reports; default: `InternalOAuthError`. */
  parseErrorResponse(_body: string, _status: number): Error | null | undefined {
    return null;
  }

  /** A `fetch` that signs with the consumer and this access token, for API calls. */
  signedFetch(token: string, tokenSecret: string): SignedFetch {
    return this._flow.signedFetch({ token, tokenSecret });
  }

  /** What passport-oauth1 hands the store: the endpoints and consumer key, plus oauth1a's key and TTL. */
  protected _storeMeta(callbackURL?: string): StoreMeta {
    const meta: StoreMeta = {
      requestTokenURL: this._oauth._requestUrl,
      accessTokenURL: this._oauth._accessUrl,
      userAuthorizationURL: this._userAuthorizationURL,
      consumerKey: this._oauth._consumerKey,
      sessionKey: this._key,
      pendingTtlMs: this._pendingTtlMs,
    };
    if (callbackURL !== undefined) meta.callbackURL = callbackURL;
    return meta;
  }

  protected async _beginLogin(req: StrategyRequest, options: AuthenticateOptions): Promise<Outcome> {
    const provider = this._flow.provider;
    const callbackURL = resolveCallbackUrl(options.callbackURL ?? this._callbackURL, req, this._origin);
    const params: Record<string, string> = {
      ...provider.requestTokenParams,
      ...stringRecord(this.requestTokenParams(options)),
      // No callbackURL: an empty oauth_callback, as passport-oauth1 sends (the provider's registered one).
      oauth_callback: callbackURL ?? '',
    };
    const leg = await this._tokenLeg('Failed to obtain request token', (done) =>
      this._oauth.getOAuthRequestToken(params, done),
    );
    const token = leg.token as string;
    const confirmed = leg.results.oauth_callback_confirmed === 'true';
    if (!confirmed && provider.callbackConfirmed !== false) {
      throw new InternalOAuthError(
        'Failed to obtain request token',
        new OAuth1Error(
          'callback_not_confirmed',
          'the provider did not answer oauth_callback_confirmed=true; it may speak OAuth 1.0 (set callbackConfirmed: false in the options) or have rejected the callback URL',
        ),
      );
    }
    const meta = this._storeMeta(callbackURL);
    await storeSet(
      this._requestTokenStore,
      req,
      { token, tokenSecret: leg.secret as string, state: options.state },
      meta,
    );
    // OAuth 1.0 providers (no confirmation) take the callback on the authorize redirect, as passport-oauth1 does.
    const authorizeUrl = buildAuthorizeUrl(
      {
        ...provider,
        authorizeUrl: this._userAuthorizationURL,
        callbackOnAuthorizeUrl:
          provider.callbackOnAuthorizeUrl === true || (!confirmed && callbackURL !== undefined),
      },
      token,
      callbackURL ?? 'oob',
      stringRecord(this.userAuthorizationParams(options)),
    );
    return () => this.redirect(authorizeUrl);
  }

  protected async _handleCallback(req: StrategyRequest, query: URLSearchParams): Promise<Outcome> {
    const store = this._requestTokenStore;
    const meta = this._storeMeta();
    const denied = query.has('denied') || query.has('oauth_problem');
    const token = query.get('oauth_token') || query.get('denied') || undefined;
    if (denied) {
      // A denial consumes the pending login only when it names it: anyone can link to ?oauth_problem=x.
      if (token !== undefined) {
        const found = await storeGet(store, req, token, meta).catch(() => undefined);
        if (found?.tokenSecret) await storeDestroy(store, req, token, meta);
      }
      const problem = query.get('oauth_problem');
      throw new OAuth1Error('access_denied', 'the user declined the authorization at the provider', {
        ...(problem ? { problem } : {}),
      });
    }
    if (token === undefined) {
      throw new OAuth1Error(
        'token_mismatch',
        'the callback carries no oauth_token, so it cannot be matched to a login',
      );
    }
    const { tokenSecret, state } = await storeGet(store, req, token, meta);
    if (!tokenSecret) return () => this.fail(state, 403);
    // Used once: removed before the access-token request, whatever its outcome.
    await storeDestroy(store, req, token, meta);
    // A provider config may name the verifier differently (core's verifierParam, in newer cores).
    const verifierParam = (this._flow.provider as { verifierParam?: unknown }).verifierParam;
    const named = typeof verifierParam === 'string' ? query.get(verifierParam) : null;
    const verifier = named || query.get('oauth_verifier') || undefined;
    if (verifier === undefined && this._flow.provider.sendsVerifier !== false) {
      throw new OAuth1Error(
        'missing_verifier',
        'the callback carries no oauth_verifier; if this provider speaks OAuth 1.0, set sendsVerifier: false in the options',
      );
    }
    const leg = await this._tokenLeg('Failed to obtain access token', (done) =>
      this._oauth.getOAuthAccessToken(token, String(tokenSecret), verifier ?? null, done),
    );
    const accessToken = leg.token as string;
    const accessSecret = leg.secret as string;
    const params = leg.results;
    const profile = await this._loadProfile(accessToken, accessSecret, params);
    const { user, info } = await new Promise<{ user: unknown; info: unknown }>((resolve, reject) => {
      invokeVerify(this._verify, this._passReqToCallback, {
        req: req as Req,
        token: accessToken,
        tokenSecret: accessSecret,
        params,
        profile: profile as PassportProfile,
        done: (error, user, info) => (error ? reject(error) : resolve({ user, info })),
      });
    });
    if (!user) return () => this.fail(info);
    const details = (info ?? {}) as Record<string, unknown>;
    if (state !== undefined && state !== null && typeof details === 'object') details.state = state;
    return () => this.success(user, details);
  }

  /** One token leg through `_oauth`; a failure becomes `parseErrorResponse`'s error or an `InternalOAuthError`. */
  protected async _tokenLeg(
    message: string,
    run: (done: (error: unknown, token?: unknown, secret?: unknown, results?: unknown) => void) => void,
  ): Promise<{ token: string; secret: string; results: Record<string, string> }> {
    let answer: { token: unknown; secret: unknown; results: unknown };
    try {
      answer = await tokenCall(run);
    } catch (failure) {
      const leg = (failure as { leg?: unknown }).leg;
      throw this._createOAuthError(message, leg === undefined ? failure : leg);
    }
    if (typeof answer.token !== 'string' || answer.token === '' || typeof answer.secret !== 'string') {
      throw new InternalOAuthError(
        message,
        new OAuth1Error(
          'invalid_provider_response',
          "the provider's answer has no oauth_token or oauth_token_secret",
        ),
      );
    }
    return { token: answer.token, secret: answer.secret, results: stringRecord(answer.results) };
  }

  /** passport-oauth1's: the subclass's `parseErrorResponse(data, statusCode)` first, else an `InternalOAuthError`. */
  protected _createOAuthError(message: string, err: unknown): Error {
    const { statusCode, data } = (err ?? {}) as { statusCode?: unknown; data?: unknown };
    if (typeof statusCode === 'number' && typeof data === 'string' && data !== '') {
      try {
        const parsed = this.parseErrorResponse(data, statusCode);
        if (parsed instanceof Error) return parsed;
      } catch {
        // A parser that throws falls back to the generic error, as in passport-oauth1.
      }
    }
    return new InternalOAuthError(message, err);
  }

  /** passport-oauth1's `_loadUserProfile`: `undefined` under skipUserProfile, else `userProfile`. */
  protected async _loadProfile(
    token: string,
    tokenSecret: string,
    params: TokenParams,
  ): Promise<PassportProfile | undefined> {
    const skipped = await shouldSkipUserProfile(this._skipUserProfile, token, tokenSecret);
    if (skipped) return undefined;
    return new Promise<PassportProfile | undefined>((resolve, reject) => {
      let settled = false;
      this.userProfile(token, tokenSecret, params, (error, profile) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve(profile);
      });
    });
  }

  /** `fail()` for "not authenticated" codes (denied, forged, replayed, expired), `error()` for faults. */
  protected _failOrError(error: unknown): void {
    if (isOAuth1Error(error) && FAILURES.has(error.code)) {
      this.fail({ message: error.message, code: error.code }, error.status);
      return;
    }
    this.error(asError(error));
  }
}

export type { CommonOptions, EndpointOptions, ProviderOptions };
