import {
  isOAuth1Error,
  type OAuth1Error,
  type OAuth1ErrorCode,
  type OAuth1Flow,
  type SignedFetch,
} from '@oauth1a/core';
import { initializeStrategy } from './initialize.js';
import type { OAuthCompat } from './oauth-compat.js';
import type {
  CommonOptions,
  EndpointOptions,
  OAuth1StrategyOptions,
  OAuth1StrategyOptionsWithRequest,
  ProviderOptions,
  SkipUserProfile,
} from './options.js';
import { PassportStrategy } from './passport-base.js';
import { fromCoreProfile, fromTokenParams, type PassportProfile } from './profile.js';
import { isCallback, queryOf, resolveCallbackUrl, type StrategyRequest } from './request.js';
import { shouldSkipUserProfile } from './skip-user-profile.js';
import type { RequestTokenStore } from './store.js';
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

/**
 * Passport strategy for OAuth 1.0a, a drop-in for passport-oauth1's `OAuthStrategy`: the same options,
 * verify signatures and overridable methods, on oauth1a's core (its signer, its three-leg state
 * machine, single-use pending authorizations bound to the callback's `oauth_token`).
 *
 * The verify callback's shape is picked by its parameter count, as passport-oauth1 does: 4 (5 with
 * `passReqToCallback`) without `params`, 5 (6) with. Do not give it default values or rest parameters.
 */
export class OAuth1Strategy<Req extends StrategyRequest = StrategyRequest> extends PassportStrategy {
  declare name: string;
  declare protected readonly _verify: AnyVerifyFunction<Req>;
  /** Core's flow for this provider (token legs only; the profile has its own). */
  declare protected readonly _flow: OAuth1Flow;
  declare protected readonly _profileFlow: OAuth1Flow | undefined;
  /** node-oauth's `get`/`post`, for subclasses written for passport-oauth1 (passport-twitter's userProfile). */
  declare protected readonly _oauth: OAuthCompat;
  declare protected readonly _callbackURL: string | undefined;
  /** The per-provider key of the request-token store (`oauth1:<host>`). */
  declare protected readonly _key: string;
  declare protected readonly _requestTokenStore: RequestTokenStore;
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
      (error: unknown) => this.error(asError(error)),
    );
  }

  /**
   * The user's profile for verify. Default: core's "who am I" through the provider config's profile
   * mapping, else what the access-token answer names (`user_id`, `screen_name`). Override it as in
   * passport-oauth1 (`this._oauth.get(url, token, tokenSecret, cb)` or `this.signedFetch(...)`).
   */
  userProfile(token: string, tokenSecret: string, params: TokenParams, done: ProfileDone): void {
    const profiles = this._profileFlow;
    if (profiles === undefined) {
      done(null, fromTokenParams(this._flow.provider.id, params));
      return;
    }
    profiles.fetchProfile({ token, tokenSecret }).then(
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

  /** Turns a provider's error answer into the error Passport reports; default: core's OAuth1Error. */
  parseErrorResponse(_body: string, _status: number): Error | null | undefined {
    return null;
  }

  /** A `fetch` that signs with the consumer and this access token, for API calls. */
  signedFetch(token: string, tokenSecret: string): SignedFetch {
    return this._flow.signedFetch({ token, tokenSecret });
  }

  protected async _beginLogin(req: StrategyRequest, options: AuthenticateOptions): Promise<Outcome> {
    const callback = options.callbackURL ?? this._callbackURL;
    if (callback === undefined || callback === '') {
      throw new TypeError(
        'OAuth1Strategy needs a callbackURL: pass it in the options, or per login in passport.authenticate(name, { callbackURL })',
      );
    }
    const store = this._requestTokenStore;
    const state = await store.load(req, this._key);
    const begun = await this._providerLeg(
      this._flow.begin(state, {
        callbackUrl: resolveCallbackUrl(callback, req, this._trustProxy),
        requestTokenParams: stringRecord(this.requestTokenParams(options)),
        authorizeParams: stringRecord(this.userAuthorizationParams(options)),
      }),
    );
    await store.save(req, this._key, begun.state);
    return () => this.redirect(begun.authorizeUrl);
  }

  protected async _handleCallback(req: StrategyRequest, query: URLSearchParams): Promise<Outcome> {
    const store = this._requestTokenStore;
    // Consumed whatever the outcome, and saved before leg 3: a callback URL works once.
    const consumed = this._flow.consume(await store.load(req, this._key), query);
    await store.save(req, this._key, consumed.state);
    if (!consumed.ok) {
      const { error } = consumed;
      if (!FAILURES.has(error.code)) throw error;
      return () => this.fail({ message: error.message, code: error.code }, error.status);
    }
    const { credentials } = await this._providerLeg(this._flow.exchange(consumed.pending, consumed.verifier));
    const { token, tokenSecret, params } = credentials;
    const profile = await this._resolveProfile(token, tokenSecret, params);
    const { user, info } = await new Promise<{ user: unknown; info: unknown }>((resolve, reject) => {
      invokeVerify(this._verify, this._passReqToCallback, {
        req: req as Req,
        token,
        tokenSecret,
        params,
        profile,
        done: (error, user, info) => (error ? reject(error) : resolve({ user, info })),
      });
    });
    if (!user) return () => this.fail(info);
    return () => this.success(user, info);
  }

  /** A provider's error answer goes through `parseErrorResponse` first, as in passport-oauth1. */
  protected async _providerLeg<T>(leg: Promise<T>): Promise<T> {
    try {
      return await leg;
    } catch (error) {
      const excerpt = isOAuth1Error(error) ? (error as OAuth1Error).provider : undefined;
      if (excerpt !== undefined) {
        let parsed: Error | null | undefined;
        try {
          parsed = this.parseErrorResponse(excerpt.body, excerpt.status);
        } catch {
          parsed = undefined;
        }
        if (parsed instanceof Error) throw parsed;
      }
      throw error;
    }
  }

  protected async _resolveProfile(
    token: string,
    tokenSecret: string,
    params: TokenParams,
  ): Promise<PassportProfile> {
    const skipped = await shouldSkipUserProfile(this._skipUserProfile, token, tokenSecret);
    if (skipped) return fromTokenParams(this._flow.provider.id, params);
    return new Promise<PassportProfile>((resolve, reject) =>
      this.userProfile(token, tokenSecret, params, (error, profile) =>
        error ? reject(error) : resolve(profile ?? fromTokenParams(this._flow.provider.id, params)),
      ),
    );
  }
}

export type { CommonOptions, EndpointOptions, ProviderOptions };
