import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/**
 * NetSuite token-based authentication (the three-step TBA authorization flow): HMAC-SHA256 only, the
 * realm is the account ID upper-cased with `-` as `_` (`1234567_SB1`), hosts use it lower-cased with
 * `_` as `-` (`1234567-sb1.restlets.api.netsuite.com`).
 */
export const netsuiteDefinition = {
  id: 'netsuite',
  name: 'NetSuite',
  docs: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1530099787.html',
  requestTokenUrl: 'https://{accountId|lower|dashes}.restlets.api.netsuite.com/rest/requesttoken',
  authorizeUrl: 'https://{accountId|lower|dashes}.app.netsuite.com/app/login/secure/authorizetoken.nl',
  accessTokenUrl: 'https://{accountId|lower|dashes}.restlets.api.netsuite.com/rest/accesstoken',
  signatureMethod: 'HMAC-SHA256',
  realm: '{accountId|upper|underscores}',
  settings: {
    accountId: {
      description: 'the NetSuite account ID',
      pattern: '^[0-9A-Za-z]+([_-][0-9A-Za-z]+)*$',
      example: '1234567-SB1',
    },
  },
} satisfies ProviderDefinition;

export interface NetSuiteSettings extends PresetOptions {
  /** As NetSuite shows it: `1234567`, `1234567-SB1` or `1234567_SB1`. */
  accountId: string;
}

export function netsuite(settings: NetSuiteSettings): ProviderConfig {
  return fromDefinition(
    netsuiteDefinition,
    { accountId: settings.accountId },
    settings.urls,
  ) satisfies ProviderConfig;
}

export const netsuitePreset: PresetMeta = {
  id: 'netsuite',
  name: 'NetSuite',
  kind: 'three-legged',
  docs: netsuiteDefinition.docs,
  quirks: 'HMAC-SHA256; realm = account ID upper-case, - as _; hosts from the account ID lower-case, _ as -',
  settings: [{ name: 'accountId', required: true, description: 'e.g. 1234567 or 1234567-SB1' }],
};
