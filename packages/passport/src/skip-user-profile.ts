import type { SkipUserProfile } from './options.js';

/**
 * passport-oauth1's `skipUserProfile`: a boolean, a function answering at once, or (when it declares
 * more than one parameter) `(token, tokenSecret, done)` answering through `done`.
 */
export function shouldSkipUserProfile(
  skip: SkipUserProfile,
  token: string,
  tokenSecret: string,
): Promise<boolean> {
  if (typeof skip !== 'function') return Promise.resolve(skip);
  if (skip.length > 1) {
    const withCallback = skip as (
      t: string,
      s: string,
      done: (error: unknown, skip?: boolean) => void,
    ) => void;
    return new Promise((resolve, reject) =>
      withCallback(token, tokenSecret, (error, value) => (error ? reject(error) : resolve(value === true))),
    );
  }
  try {
    return Promise.resolve((skip as () => boolean)() === true);
  } catch (error) {
    return Promise.reject(error);
  }
}
