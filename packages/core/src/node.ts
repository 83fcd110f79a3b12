// @oauth1a/core/node: Node IncomingMessage/ServerResponse <-> Web Request/Response, written once for every adapter.

export { withNodeBody } from './node/body.js';
export { toWebRequest, type WebRequestOrigin, writeWebResponse } from './node/index.js';
