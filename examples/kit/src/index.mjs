export { escapeHtml, page, pretty } from './html.mjs';
export {
  baseUrl,
  connectProvider,
  listen,
  runUntilStopped,
  serveExample,
  sessionPassword,
} from './provider.mjs';
export { apiCallPage, ERROR_PAGE_HEADERS, errorPage, homePage } from './views.mjs';
