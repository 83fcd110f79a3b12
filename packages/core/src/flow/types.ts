/** A request token waiting for the user's approval (RFC 5849 section 2.1's temporary credentials). */
export interface PendingAuthorization {
  providerId: string;
  requestToken: string;
  requestTokenSecret: string;
  /** The callback URL sent on leg 1, or `'oob'` for the PIN flow. */
  callbackUrl: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** A same-origin path to return to after the callback. */
  returnTo?: string;
}

/** The signed-in user, as the provider's "who am I" call names them. */
export interface Profile {
  id: string;
  name?: string;
}

/** The connection's credentials: the access token (RFC 5849 section 2.3's token credentials) and what came with it. */
export interface AccessCredentials {
  providerId: string;
  token: string;
  tokenSecret: string;
  /** Every other field of the access-token answer (user_id, screen_name, edam_*, oauth_session_handle, ...). */
  params: Record<string, string>;
  profile?: Profile;
  /** Milliseconds since the epoch. */
  authorizedAt: number;
}

export interface IdleState {
  status: 'idle';
}

export interface AwaitingAuthorizationState {
  status: 'awaiting_authorization';
  /** Keyed by request token, oldest first, so several browser tabs can log in at once. */
  pending: PendingAuthorization[];
}

export interface AuthorizedState {
  status: 'authorized';
  credentials: AccessCredentials;
  /** Logins started while already authorized (re-login, another tab); the credentials stay until one completes. */
  pending: PendingAuthorization[];
}

/** The flow's state: plain data that an adapter seals into the session. */
export type FlowState = IdleState | AwaitingAuthorizationState | AuthorizedState;

/** What the provider's redirect to the callback carried (its query), or the PIN a user typed. */
export interface CallbackInput {
  oauth_token?: string | null | undefined;
  oauth_verifier?: string | null | undefined;
  denied?: string | null | undefined;
  oauth_problem?: string | null | undefined;
}
