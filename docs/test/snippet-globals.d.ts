// What the documentation's snippets take as given (an app's own configuration), declared once so that
// every snippet type-checks as written.
declare const provider: import('@oauth1a/core').ProviderConfig;
declare const consumer: import('@oauth1a/core').ConsumerCredentials;
declare const token: import('@oauth1a/core').TokenCredentials;
declare const password: string;
declare const apiUrl: string;
declare const TRELLO_KEY: string;
declare const TRELLO_SECRET: string;
declare const flow: import('@oauth1a/core').OAuth1Flow;
declare const state: import('@oauth1a/core').FlowState;
declare const callbackQuery: URLSearchParams;
declare function currentUserId(req: import('express').Request): string | undefined;
