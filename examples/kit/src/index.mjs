export { escapeHtml, page, pretty } from './html.mjs';
export { connectProvider, listen, runUntilStopped, serveExample, sessionPassword } from './provider.mjs';
export { apiCallPage, homePage } from './views.mjs';
