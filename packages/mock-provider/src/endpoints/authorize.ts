import { type Exchange, Problem, redirect, sendHtml } from '../http.js';
import { authorizePage, deniedPage, verifierPage } from '../pages.js';
import type { RequestTokenRecord } from '../store.js';
import type { Context } from '../verify.js';
import { isCallback } from './request-token.js';

/** Where the user goes after deciding: a callback URL, or nothing for `oob` (a page shows the PIN). */
export interface Decision {
  location?: string;
  verifier?: string;
}

function callbackOf(ctx: Context, record: RequestTokenRecord): string | undefined {
  const callback = record.callback ?? ctx.store.consumers.get(record.consumerKey)?.callbackUrl;
  return callback === 'oob' ? undefined : callback;
}

function withParams(callback: string, params: Record<string, string>): string {
  const url = new URL(callback);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return url.href;
}

/** A pending, unexpired request token, else the problem to answer. */
export function pendingToken(ctx: Context, token: string | null | undefined): RequestTokenRecord {
  if (token === undefined || token === null || token === '')
    throw new Problem('parameter_absent', 400, 'the authorize URL must carry oauth_token');
  const record = ctx.store.requestToken(token);
  if (record === undefined)
    throw new Problem('token_rejected', 401, 'this request token is not known or has expired');
  if (record.state !== 'pending')
    throw new Problem('token_used', 401, 'this request token was already authorized or denied');
  return record;
}

/** Approves `record` for `userId`: the callback with `oauth_token` and (1.0a) `oauth_verifier`. */
export function approve(ctx: Context, record: RequestTokenRecord, userId: string): Decision {
  if (ctx.store.user(userId) === undefined) throw new Problem('parameter_rejected', 400, 'unknown user_id');
  const verifier = ctx.store.approve(record, userId);
  const decision: Decision = {};
  if (!ctx.options.oauth10) decision.verifier = verifier;
  const callback = callbackOf(ctx, record);
  if (callback !== undefined) {
    const params: Record<string, string> = { oauth_token: record.token };
    if (decision.verifier !== undefined) params.oauth_verifier = decision.verifier;
    decision.location = withParams(callback, params);
  }
  return decision;
}

/** Denies `record`: the callback with `denied=<token>` or `oauth_problem=user_refused`. */
export function deny(ctx: Context, record: RequestTokenRecord): Decision {
  ctx.store.deny(record);
  const callback = callbackOf(ctx, record);
  if (callback === undefined) return {};
  const params: Record<string, string> =
    ctx.options.denialStyle === 'oauth_problem'
      ? { oauth_problem: 'user_refused', oauth_token: record.token }
      : { denied: record.token };
  return { location: withParams(callback, params) };
}

function appName(ctx: Context, record: RequestTokenRecord): string {
  return ctx.store.consumers.get(record.consumerKey)?.name ?? 'An application';
}

/**
 * GET: the consent page (or, with `autoApprove`, an immediate approval by the first user). In OAuth 1.0
 * mode the callback comes from this URL's `oauth_callback`. RFC 5849 section 2.2.
 */
export function handleAuthorizePage(ctx: Context, ex: Exchange): void {
  const record = pendingToken(ctx, ex.url.searchParams.get('oauth_token'));
  ex.entry.token = record.token;
  ex.entry.consumerKey = record.consumerKey;
  if (ctx.options.oauth10) {
    const callback = ex.url.searchParams.get('oauth_callback');
    if (callback !== null) {
      if (!isCallback(callback))
        throw new Problem('parameter_rejected', 400, 'oauth_callback must be an absolute URL or "oob"');
      record.callback = callback;
    }
  }
  if (ctx.options.autoApprove) {
    finish(ctx, ex, record, approve(ctx, record, ctx.store.users[0]!.id));
    return;
  }
  sendHtml(
    ex,
    200,
    authorizePage({
      appName: appName(ctx, record),
      token: record.token,
      users: ctx.store.users,
      action: ex.url.pathname,
    }),
  );
}

function finish(ctx: Context, ex: Exchange, record: RequestTokenRecord, decision: Decision): void {
  if (decision.location !== undefined) redirect(ex, decision.location);
  else if (record.state === 'denied') sendHtml(ex, 200, deniedPage(appName(ctx, record)));
  else sendHtml(ex, 200, verifierPage(appName(ctx, record), decision.verifier));
}

/** POST: the user's decision from the consent form (`oauth_token`, `user_id`, `action`). */
export function handleAuthorizeDecision(ctx: Context, ex: Exchange, form: URLSearchParams): void {
  const record = pendingToken(ctx, form.get('oauth_token'));
  ex.entry.token = record.token;
  ex.entry.consumerKey = record.consumerKey;
  const action = form.get('action');
  if (action === 'deny') {
    finish(ctx, ex, record, deny(ctx, record));
  } else if (action === 'approve') {
    finish(ctx, ex, record, approve(ctx, record, form.get('user_id') ?? ctx.store.users[0]!.id));
  } else {
    throw new Problem('parameter_absent', 400, 'the form must send action=approve or action=deny');
  }
}
