import type { FlowState, PendingAuthorization } from '@oauth1a/core';
import { IDLE } from '@oauth1a/core';
import type { StrategyRequest } from './request.js';

/**
 * Where the strategy keeps the pending authorizations (request token and secret, callback URL,
 * `createdAt`) between the redirect to the provider and its callback. `key` is per provider
 * (`oauth1:<host>` of the request-token URL, or the `sessionKey` option). Core's state machine decides
 * what goes in; a store only loads and saves it. `sessionStore()` is the default; `sealedCookieStore()`
 * needs no server session.
 */
export interface RequestTokenStore {
  load(req: StrategyRequest, key: string): FlowState | Promise<FlowState>;
  /** `state` is `idle` when nothing waits any more: remove the entry. */
  save(req: StrategyRequest, key: string, state: FlowState): void | Promise<void>;
}

function isPending(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.requestToken === 'string' &&
    typeof entry.requestTokenSecret === 'string' &&
    typeof entry.callbackUrl === 'string' &&
    typeof entry.createdAt === 'number'
  );
}

/** What a store read back, if it is a flow state waiting for a callback; anything else reads as idle. */
export function asFlowState(value: unknown): FlowState {
  if (typeof value !== 'object' || value === null) return IDLE;
  const state = value as { status?: unknown; pending?: unknown };
  if (state.status !== 'awaiting_authorization' || !Array.isArray(state.pending)) return IDLE;
  const pending = state.pending.filter(isPending) as PendingAuthorization[];
  return pending.length === 0 ? IDLE : { status: 'awaiting_authorization', pending };
}
