#!/usr/bin/python3
"""Independent oracle for @oauth1a/core's signer: computes OAuth 1.0a signature expectations with
Debian's python3-oauthlib (apt-get install python3-oauthlib; run it with /usr/bin/python3).

Two modes, both JSON on stdin and stdout:

  oauthlib_sign.py            a JSON array of cases in, an array of expectations out (same order)
  oauthlib_sign.py --fixture  a fixture object {"rsaPrivateKey": PEM, "cases": [...]} in, the same
                              object out with every case's "expected" recomputed:
      /usr/bin/python3 test/oracle/oauthlib_sign.py --fixture \
        < test/fixtures/signing-cases.json > /tmp/cases.json && mv /tmp/cases.json test/fixtures/signing-cases.json

Case fields (the same names as signRequest's input where possible): method, url, contentType, body,
consumerKey, consumerSecret, token, tokenSecret, signatureMethod, nonce, timestamp, includeVersion
(default true), oauthParams (extra protocol parameters), includeBodyHash, privateKey (PEM; in fixture
mode the top-level rsaPrivateKey is used). Expectations: baseStringUri, normalizedParameters,
baseString, signature and, with includeBodyHash, bodyHash; or {"error": "..."} when oauthlib refuses.

oauthlib is used for what it implements (base string URI, parameter collection and decoding,
normalization, the base string, HMAC/RSA/PLAINTEXT). Its quirks, worked around here:
  * collect_parameters() silently drops a form body it cannot decode (extract_params returns None);
    the body is decoded with urldecode() first so that such a case reports an error instead.
  * urldecode() refuses a query or body holding characters outside its "urlencoded" set (raw spaces,
    raw non-ASCII, '"', '[' ...): cases must send those percent-encoded.
  * collect_parameters() percent-decodes the value of every oauth_* parameter found in the query or body
    a second time; protocol parameters are therefore added here directly, never through the query.
  * Client adds oauth_body_hash with SHA-1 whatever the signature method; the body hash extension asks
    for the signature method's own digest (SHA-256 for HMAC-SHA256 ...), so it is computed here with
    hashlib, SHA-1 for PLAINTEXT.
"""
import base64
import hashlib
import json
import sys
from urllib.parse import urlparse

from oauthlib.common import urldecode
from oauthlib.oauth1.rfc5849 import signature as S

FORM = 'application/x-www-form-urlencoded'
DIGEST = {
    'HMAC-SHA1': hashlib.sha1, 'HMAC-SHA256': hashlib.sha256, 'HMAC-SHA512': hashlib.sha512,
    'RSA-SHA1': hashlib.sha1, 'RSA-SHA256': hashlib.sha256, 'PLAINTEXT': hashlib.sha1,
}


def is_form(content_type):
    return content_type is not None and content_type.split(';')[0].strip().lower() == FORM


def expect(case, default_key=None):
    method = case.get('signatureMethod', 'HMAC-SHA1')
    url = case['url']
    body = case.get('body')
    form = body is not None and is_form(case.get('contentType'))
    if form and body != '':
        urldecode(body)  # raises instead of letting collect_parameters drop the body
    params = S.collect_parameters(uri_query=urlparse(url).query, body=body if form else None)

    oauth = [('oauth_consumer_key', case['consumerKey'])]
    if case.get('token') is not None:
        oauth.append(('oauth_token', case['token']))
    oauth += [('oauth_signature_method', method), ('oauth_timestamp', str(case['timestamp'])),
              ('oauth_nonce', case['nonce'])]
    if case.get('includeVersion', True):
        oauth.append(('oauth_version', '1.0'))
    result = {}
    if case.get('includeBodyHash') and not form:
        digest = DIGEST[method]((body or '').encode('utf-8')).digest()
        result['bodyHash'] = base64.b64encode(digest).decode('ascii')
        oauth.append(('oauth_body_hash', result['bodyHash']))
    oauth += list((case.get('oauthParams') or {}).items())

    uri = S.base_string_uri(url)
    normalized = S.normalize_parameters(params + oauth)
    base = S.signature_base_string(case['method'], uri, normalized)
    consumer_secret = case.get('consumerSecret') or ''
    token_secret = case.get('tokenSecret') or ''
    if method == 'HMAC-SHA1':
        sig = S.sign_hmac_sha1(base, consumer_secret, token_secret)
    elif method == 'HMAC-SHA256':
        sig = S.sign_hmac_sha256(base, consumer_secret, token_secret)
    elif method == 'HMAC-SHA512':
        sig = S._sign_hmac('SHA-512', base, consumer_secret, token_secret)
    elif method == 'RSA-SHA1':
        sig = S.sign_rsa_sha1(base, case.get('privateKey') or default_key)
    elif method == 'RSA-SHA256':
        sig = S._sign_rsa('SHA-256', base, case.get('privateKey') or default_key)
    elif method == 'PLAINTEXT':
        sig = S.sign_plaintext(consumer_secret, token_secret)
    else:
        raise ValueError(f'unknown signature method {method}')
    result.update(baseStringUri=uri, normalizedParameters=normalized, baseString=base, signature=sig)
    return result


def safe_expect(case, default_key=None):
    try:
        return expect(case, default_key)
    except Exception as error:  # report per case; one bad input must not hide the others
        return {'error': f'{type(error).__name__}: {error}'}


def main():
    data = json.load(sys.stdin)
    if '--fixture' in sys.argv:
        for case in data['cases']:
            case['expected'] = safe_expect(case, data.get('rsaPrivateKey'))
        out = data
    else:
        out = [safe_expect(case) for case in data]
    json.dump(out, sys.stdout, indent=1 if '--fixture' in sys.argv else None, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
