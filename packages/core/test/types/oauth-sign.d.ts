// oauth-sign ships no types; only what the tests and the benchmark call.
declare module 'oauth-sign' {
  type Params = Record<string, string | readonly string[]>;
  export function hmacsign(
    httpMethod: string,
    baseUri: string,
    params: Params,
    consumerSecret: string,
    tokenSecret?: string,
  ): string;
  export function hmacsign256(
    httpMethod: string,
    baseUri: string,
    params: Params,
    consumerSecret: string,
    tokenSecret?: string,
  ): string;
  export function sign(
    signMethod: 'HMAC-SHA1' | 'HMAC-SHA256' | 'RSA-SHA1' | 'PLAINTEXT',
    httpMethod: string,
    baseUri: string,
    params: Params,
    consumerSecretOrPrivateKey: string,
    tokenSecret?: string,
  ): string;
  export function generateBase(httpMethod: string, baseUri: string, params: Params): string;
  export function rfc3986(value: string): string;
}
