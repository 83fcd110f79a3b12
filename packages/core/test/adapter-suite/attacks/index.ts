// The attacks of the adapter suite, one file each (test layer (c)), run against every framework major.
import type { Attack } from '../context.js';
import { concurrentReplay } from './concurrent-replay.js';
import { cookieTossing } from './cookie-tossing.js';
import { crossSiteLogout } from './cross-site-logout.js';
import { denialWithoutToken } from './denial-without-token.js';
import { errorPageHeaders } from './error-page-headers.js';
import { forgedHost } from './forged-host.js';
import { loginLoop } from './login-loop.js';
import { messages } from './messages.js';
import { pendingOverflow } from './pending-overflow.js';
import { returnToDotSegments } from './return-to-dot-segments.js';
import { serverErrors } from './server-errors.js';

export const ATTACKS: Record<string, Attack> = {
  'forged Host (issue 11 #1)': forgedHost,
  'returnTo dot segments (issue 11 #2)': returnToDotSegments,
  'pending-cookie overflow (issue 11 #4)': pendingOverflow,
  'denial without a token (issue 11 #5)': denialWithoutToken,
  'cookie tossing (issue 11 #8)': cookieTossing,
  'server errors and their log (issue 11 #9, issue 12 #8)': serverErrors,
  'concurrent callback replays (issue 11 #10)': concurrentReplay,
  'error page headers (issue 11 #12)': errorPageHeaders,
  'cross-site logout (issue 11 #16)': crossSiteLogout,
  'login loop (issue 12 #3)': loginLoop,
  'misleading messages (issue 12 #8)': messages,
};
