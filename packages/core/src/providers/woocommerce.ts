import { OAuth1Error } from '../errors.js';
import type { PresetMeta } from './preset.js';
import type { TwoLeggedConfig } from './two-legged.js';

/**
 * WooCommerce REST API over plain HTTP: one-legged OAuth 1.0a, consumer key and secret only, the
 * oauth_* parameters in the query string. (Over HTTPS WooCommerce wants HTTP Basic auth instead.)
 */
export interface WooCommerceSettings {
  /** The WordPress site, e.g. `http://shop.example.com` (no trailing slash). */
  siteUrl: string;
  /** Default `HMAC-SHA256`; WooCommerce also accepts `HMAC-SHA1`. */
  signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
  /** Default `wc/v3`. */
  version?: string;
}

export function woocommerce(settings: WooCommerceSettings): TwoLeggedConfig {
  if (typeof settings?.siteUrl !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(settings.siteUrl))
    throw new OAuth1Error(
      'invalid_config',
      'woocommerce: siteUrl must be the site URL, e.g. "http://shop.example.com"',
    );
  return {
    id: 'woocommerce',
    name: 'WooCommerce',
    baseUrl: `${settings.siteUrl.replace(/\/+$/, '')}/wp-json/${settings.version ?? 'wc/v3'}`,
    signatureMethod: settings.signatureMethod ?? 'HMAC-SHA256',
    transport: 'query',
  } satisfies TwoLeggedConfig;
}

export const woocommercePreset: PresetMeta = {
  id: 'woocommerce',
  name: 'WooCommerce',
  kind: 'two-legged',
  docs: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-http',
  quirks: 'two-legged (no token legs): consumer-only signatures, oauth_* in the query, HMAC-SHA256',
  settings: [
    { name: 'siteUrl', required: true, description: 'the WordPress site URL' },
    { name: 'signatureMethod', required: false, description: 'HMAC-SHA256 (default) or HMAC-SHA1' },
    { name: 'version', required: false, description: 'API path, default wc/v3' },
  ],
};
