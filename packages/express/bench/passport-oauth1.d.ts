// passport-oauth1 ships no types; the benchmark uses only this much of it.
declare module 'passport-oauth1' {
  import { Strategy as PassportStrategy } from 'passport-strategy';

  interface OAuthClient {
    get(
      url: string,
      token: string,
      tokenSecret: string,
      callback: (error: { statusCode: number; data?: string } | null, body?: string | Buffer) => void,
    ): void;
  }

  export interface OAuthStrategyOptions {
    requestTokenURL: string;
    accessTokenURL: string;
    userAuthorizationURL: string;
    consumerKey: string;
    consumerSecret: string;
    callbackURL: string;
    signatureMethod?: string;
  }

  export class Strategy extends PassportStrategy {
    constructor(
      options: OAuthStrategyOptions,
      verify: (
        token: string,
        tokenSecret: string,
        profile: Record<string, unknown>,
        done: (error: unknown, user?: Express.User) => void,
      ) => void,
    );
    _oauth: OAuthClient;
    userProfile(
      token: string,
      tokenSecret: string,
      params: Record<string, string>,
      done: (error: unknown, profile?: Record<string, unknown>) => void,
    ): void;
  }
}
