import type { ProviderDefinition } from '../define-provider.js';
import type { ProfileMapping } from '../flow/provider-config.js';

/** The base URL of a self-hosted instance: http(s), no query, no trailing slash. */
export const BASE_URL_SETTING = {
  description: 'the base URL of the instance',
  pattern: '^https?://[^\\s?#]*[^\\s?#/]$',
  example: 'https://jira.example.com',
};

/**
 * Jira, Confluence and Bitbucket Server / Data Center share the application-links OAuth 1.0a
 * servlet: RSA-SHA1 with the consumer's PEM private key (the public key is registered on the instance).
 */
export function atlassianServerDefinition(
  id: string,
  name: string,
  docs: string,
  profile?: ProfileMapping,
): ProviderDefinition {
  return {
    id,
    name,
    docs,
    requestTokenUrl: '{baseUrl}/plugins/servlet/oauth/request-token',
    authorizeUrl: '{baseUrl}/plugins/servlet/oauth/authorize',
    accessTokenUrl: '{baseUrl}/plugins/servlet/oauth/access-token',
    signatureMethod: 'RSA-SHA1',
    consumerFields: ['key', 'privateKey'],
    settings: { baseUrl: BASE_URL_SETTING },
    ...(profile === undefined ? {} : { profile }),
  };
}

export const atlassianQuirks =
  'RSA-SHA1 with a PEM private key (consumer secret unused); instance base URL as a setting';
