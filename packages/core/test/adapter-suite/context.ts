// What every file of the adapter suite shares: the running mock provider and app of one framework
// major, and the helpers that start more of them (each closed after the suite).
import type { MockProvider, MockProviderOptions } from '@oauth1a/mock-provider';
import type { OAuth1HandlerOptions } from '../../src/index.js';
import type { Answer, Browser, RunningApp } from './browser.js';
import type { AdapterDriver, AppSetup } from './driver.js';

export const PASSWORD = 'a-test-password-that-is-at-least-32-chars';
export const OTHER_PASSWORD = 'another-test-password-of-32-chars-or-more';
export const BASE = '/auth/mock';

export interface SuiteContext {
  driver: AdapterDriver;
  /** The suite's mock provider (set in beforeAll). */
  readonly mock: MockProvider;
  /** An app with one `oauth1()` on `mock`, default options (set in beforeAll). */
  readonly app: RunningApp;
  startMock(options?: MockProviderOptions): Promise<MockProvider>;
  startApp(setup: AppSetup): Promise<RunningApp>;
  /** The options of an `oauth1()` on `from`, with the suite's password. */
  options(from: MockProvider, extra?: Partial<OAuth1HandlerOptions>): OAuth1HandlerOptions;
  /** login -> approve as `userId` -> callback; returns the callback's answer. */
  signIn(
    browser: Browser,
    from?: MockProvider,
    userId?: string,
    basePath?: string,
    query?: string,
  ): Promise<Answer>;
  accessTokenRequests(from: MockProvider): number;
}

/** One attack, one file: a `describe` block of cases against the suite's apps. */
export type Attack = (context: SuiteContext) => void;
