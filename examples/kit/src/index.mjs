export { escapeHtml, page, pretty } from './html.mjs';
export { connectProvider, listen, runUntilStopped, sessionPassword } from './provider.mjs';
