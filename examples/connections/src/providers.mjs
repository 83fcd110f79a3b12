import { connectProvider } from '@oauth1a/example-kit';

/**
 * The mock "your own app" consumer: a user of Mock Tasks can bring this key and secret instead of the
 * app's (an integration platform's users often register their own app). Demo values for an offline mock,
 * documented in the README; a real provider's consumer secret is never written down like this.
 */
export const OWN_CONSUMER = { key: 'your-own-app', secret: 'your-own-app-secret' };

/** The NetSuite-style mock's account id, as its users type it (the realm is `1234567_SB1`). */
export const LEDGER_ACCOUNT_ID = '1234567-SB1';

/** NetSuite's rule: the realm is the account id upper-cased, `-` as `_`. */
const realmOf = (accountId) =>
  String(accountId ?? '')
    .toUpperCase()
    .replace(/-/g, '_');

/**
 * The providers users may connect, as `createConnections` takes them, plus what the web routes accept
 * from users for each (`forms`) and what the pages show (`views`).
 *
 * Default: three embedded mock providers. **Mock Tasks** (users may bring their own consumer key),
 * **Mock Photos**, and **Mock Ledger**, NetSuite-style: HMAC-SHA256, a realm made from the account id
 * the user gives, and tokens pasted from its console (`importToken`) as NetSuite's token-based auth
 * issues them. With `OAUTH1A_PROVIDER=<preset>` and its consumer in the environment: that preset.
 *
 * @param {NodeJS.ProcessEnv} env
 */
export async function loadProviders(env) {
  if (env.OAUTH1A_PROVIDER && env.OAUTH1A_PROVIDER !== 'mock') return presetProvider(env);
  const [tasks, photos, ledger] = await Promise.all([
    connectProvider(env, {
      mock: { id: 'tasks', name: 'Mock Tasks' },
      mockOptions: { consumers: [{ key: `ck_tasks_${process.pid}`, secret: randomish() }, OWN_CONSUMER] },
    }),
    connectProvider(env, { mock: { id: 'photos', name: 'Mock Photos' } }),
    connectProvider(env, {
      mock: { id: 'ledger', name: 'Mock Ledger' },
      mockOptions: { realm: realmOf(LEDGER_ACCOUNT_ID), signatureMethods: ['HMAC-SHA256'] },
    }),
  ]);
  const ledgerProvider = ledger.provider;
  return {
    providers: {
      tasks: { provider: tasks.provider, consumer: tasks.consumer },
      photos: { provider: photos.provider, consumer: photos.consumer },
      // A provider given as a function of the connection's settings, as NetSuite's preset is used.
      ledger: {
        provider: (settings) => ({ ...ledgerProvider, realm: realmOf(settings.accountId) }),
        consumer: ledger.consumer,
      },
    },
    forms: {
      tasks: { ownConsumer: true },
      ledger: { settings: ['accountId'], importToken: true },
    },
    views: {
      tasks: {
        name: 'Mock Tasks',
        examplePath: 'echo?greeting=hello%20world',
        ownConsumerHint: OWN_CONSUMER.key,
      },
      photos: { name: 'Mock Photos', examplePath: 'echo?album=holidays' },
      ledger: {
        name: 'Mock Ledger',
        examplePath: 'whoami',
        settings: [{ name: 'accountId', label: 'Account ID', example: LEDGER_ACCOUNT_ID }],
        importToken: true,
        connectNeedsSettings: true,
      },
    },
    mocks: { tasks: tasks.mock, photos: photos.mock, ledger: ledger.mock },
    close: () => Promise.all([tasks.close(), photos.close(), ledger.close()]).then(() => {}),
  };
}

/** One preset from the environment (OAUTH1A_PROVIDER, OAUTH1A_CONSUMER_KEY/_SECRET, OAUTH1A_SETTING_*). */
async function presetProvider(env) {
  const { provider, consumer, apiUrl, close } = await connectProvider(env);
  const id = provider.id;
  let examplePath = '';
  if (provider.apiBaseUrl && apiUrl.startsWith(provider.apiBaseUrl))
    examplePath = apiUrl.slice(provider.apiBaseUrl.length);
  else examplePath = apiUrl;
  return {
    providers: { [id]: { provider, consumer } },
    // Users may bring their own consumer, or paste a token their provider's console issued.
    forms: { [id]: { ownConsumer: true, importToken: true } },
    views: { [id]: { name: provider.name, examplePath, importToken: true, ownConsumer: true } },
    mocks: {},
    close,
  };
}

function randomish() {
  return `cs_${crypto.randomUUID()}`;
}
