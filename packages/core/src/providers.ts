// @oauth1a/core/providers: one preset per provider, each a function of its own settings returning a
// ProviderConfig (or, for two-legged APIs, a TwoLeggedConfig), and the registry a CLI or platform lists.

import type { ProviderDefinition } from './define-provider.js';
import type { ProviderConfig } from './flow/provider-config.js';
import {
  bitbucketServer,
  bitbucketServerDefinition,
  bitbucketServerPreset,
} from './providers/bitbucket-server.js';
import { confluence, confluenceDefinition, confluencePreset } from './providers/confluence.js';
import { discogs, discogsDefinition, discogsPreset } from './providers/discogs.js';
import { evernote, evernoteDefinition, evernotePreset } from './providers/evernote.js';
import { flickr, flickrDefinition, flickrPreset } from './providers/flickr.js';
import { type Env, presetFromEnv } from './providers/from-env.js';
import { garmin, garminDefinition, garminPreset } from './providers/garmin.js';
import { goodreads, goodreadsDefinition, goodreadsPreset } from './providers/goodreads.js';
import { jira, jiraDefinition, jiraPreset } from './providers/jira.js';
import { netsuite, netsuiteDefinition, netsuitePreset } from './providers/netsuite.js';
import type { PresetMeta } from './providers/preset.js';
import { smugmug, smugmugDefinition, smugmugPreset } from './providers/smugmug.js';
import { trello, trelloDefinition, trelloPreset } from './providers/trello.js';
import { tripit, tripitDefinition, tripitPreset } from './providers/tripit.js';
import { tumblr, tumblrDefinition, tumblrPreset } from './providers/tumblr.js';
import { woocommerce, woocommercePreset } from './providers/woocommerce.js';
import { x, xDefinition, xPreset } from './providers/x.js';
import { yahoo, yahooDefinition, yahooPreset } from './providers/yahoo.js';
import type { ConsumerCredentials } from './signature/sign.js';

export { discogsFetch } from './providers/discogs.js';
export type { EvernoteSettings } from './providers/evernote.js';
export type { FlickrSettings } from './providers/flickr.js';
export { type Env, settingEnvName } from './providers/from-env.js';
export type { AtlassianServerSettings } from './providers/jira.js';
export type { NetSuiteSettings } from './providers/netsuite.js';
export type { PresetMeta, PresetOptions, PresetSetting, PresetUrls } from './providers/preset.js';
export { withUrls } from './providers/preset.js';
export type { SmugMugSettings } from './providers/smugmug.js';
export type { TrelloSettings } from './providers/trello.js';
export {
  createTwoLeggedFetch,
  type TwoLeggedConfig,
  type TwoLeggedFetchOptions,
} from './providers/two-legged.js';
export type { WooCommerceSettings } from './providers/woocommerce.js';
export type { XSettings } from './providers/x.js';
export {
  bitbucketServer,
  confluence,
  discogs,
  evernote,
  flickr,
  garmin,
  goodreads,
  jira,
  netsuite,
  smugmug,
  trello,
  tripit,
  tumblr,
  woocommerce,
  x,
  yahoo,
};

/** One registry entry: what to show about a preset, and the factory that builds it from its settings. */
export type PresetEntry<Create> = PresetMeta & { create: Create };

/** Every preset by id: metadata (settings, docs URL, quirks) and its factory, for a CLI to list. */
export const presets = {
  x: { ...xPreset, create: x },
  trello: { ...trelloPreset, create: trello },
  flickr: { ...flickrPreset, create: flickr },
  tumblr: { ...tumblrPreset, create: tumblr },
  smugmug: { ...smugmugPreset, create: smugmug },
  discogs: { ...discogsPreset, create: discogs },
  garmin: { ...garminPreset, create: garmin },
  evernote: { ...evernotePreset, create: evernote },
  netsuite: { ...netsuitePreset, create: netsuite },
  jira: { ...jiraPreset, create: jira },
  confluence: { ...confluencePreset, create: confluence },
  'bitbucket-server': { ...bitbucketServerPreset, create: bitbucketServer },
  yahoo: { ...yahooPreset, create: yahoo },
  goodreads: { ...goodreadsPreset, create: goodreads },
  tripit: { ...tripitPreset, create: tripit },
  woocommerce: { ...woocommercePreset, create: woocommerce },
} as const satisfies Record<string, PresetEntry<(settings: never) => unknown>>;

export type PresetId = keyof typeof presets;

/**
 * Every three-legged preset as a plain JSON provider definition, templates unfilled (`{accountId}`,
 * `{baseUrl}`, ...): store it, edit it, and turn it into a ProviderConfig with `defineProvider(json, settings)`.
 */
export const presetDefinitions: Readonly<Record<string, ProviderDefinition>> = {
  x: xDefinition,
  trello: trelloDefinition,
  flickr: flickrDefinition,
  tumblr: tumblrDefinition,
  smugmug: smugmugDefinition,
  discogs: discogsDefinition,
  garmin: garminDefinition,
  evernote: evernoteDefinition,
  netsuite: netsuiteDefinition,
  jira: jiraDefinition,
  confluence: confluenceDefinition,
  'bitbucket-server': bitbucketServerDefinition,
  yahoo: yahooDefinition,
  goodreads: goodreadsDefinition,
  tripit: tripitDefinition,
};

/**
 * A preset and consumer from the environment: `OAUTH1A_PROVIDER` (a preset id), `OAUTH1A_CONSUMER_KEY`,
 * `OAUTH1A_CONSUMER_SECRET` or `OAUTH1A_CONSUMER_PRIVATE_KEY`, and `OAUTH1A_SETTING_<NAME>` per setting
 * (`OAUTH1A_SETTING_ACCOUNT_ID`, `OAUTH1A_SETTING_BASE_URL`, `OAUTH1A_SETTING_APP_NAME`, ...).
 */
export function providerFromEnv(env: Env): { provider: ProviderConfig; consumer: ConsumerCredentials } {
  return presetFromEnv(presets, env);
}
