import { Strategy } from 'passport-strategy';

/**
 * What Passport adds to a strategy for the length of one `authenticate` call (passport-strategy's
 * "augmented" functions), typed here so that the public types need neither `@types/passport-strategy`
 * nor Express's.
 */
export interface PassportStrategyActions {
  /** The user is authenticated. */
  success(user: unknown, info?: unknown): void;
  /** Authentication failed (denied, mismatched or missing state): `failureRedirect` / `failureMessage` apply. */
  fail(challenge?: unknown, status?: number): void;
  redirect(url: string, status?: number): void;
  pass(): void;
  /** A fault (provider down, bad configuration): Express's error handler gets it. */
  error(error: Error): void;
}

export type PassportStrategyBase = new () => PassportStrategyActions;

/** passport-strategy's `Strategy`, the base every Passport strategy extends. */
export const PassportStrategy = Strategy as unknown as PassportStrategyBase;
