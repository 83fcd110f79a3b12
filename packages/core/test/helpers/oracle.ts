import { spawnSync } from 'node:child_process';
import type { SignatureMethod, SignInput } from '../../src/index.js';
import { oracleScript } from './paths.js';

/** Debian's interpreter: python3-oauthlib is installed for it, not for a pyenv `python3` on PATH. */
export const ORACLE_PYTHON = process.env.OAUTHLIB_PYTHON ?? '/usr/bin/python3';

/** A case as test/oracle/oauthlib_sign.py reads it (the names of SignInput where possible). */
export interface OracleCase {
  name?: string;
  method: string;
  url: string;
  contentType?: string;
  body?: string;
  consumerKey: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  signatureMethod?: string;
  nonce: string;
  timestamp: string;
  includeVersion?: boolean;
  includeBodyHash?: boolean;
  realm?: string;
  oauthParams?: Record<string, string>;
  privateKey?: string;
}

export interface OracleExpectation {
  baseStringUri?: string;
  normalizedParameters?: string;
  baseString?: string;
  signature?: string;
  bodyHash?: string;
  error?: string;
}

/** Whether `python3-oauthlib` can be imported by ORACLE_PYTHON. */
export function oracleAvailable(): boolean {
  const probe = spawnSync(ORACLE_PYTHON, ['-c', 'import oauthlib'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** Runs the oracle once over a batch of cases (one Python process). */
export function runOracle(cases: readonly OracleCase[]): OracleExpectation[] {
  const run = spawnSync(ORACLE_PYTHON, [oracleScript], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`oauthlib oracle failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleExpectation[];
}

/** The same case as signRequest's input. */
export function oracleCaseToSignInput(c: OracleCase, privateKey?: string): SignInput {
  return {
    method: c.method,
    url: c.url,
    consumer: {
      key: c.consumerKey,
      ...(c.consumerSecret === undefined ? {} : { secret: c.consumerSecret }),
      ...(privateKey === undefined && c.privateKey === undefined
        ? {}
        : { privateKey: (c.privateKey ?? privateKey)! }),
    },
    token: c.token === undefined ? undefined : { token: c.token, secret: c.tokenSecret ?? '' },
    signatureMethod: (c.signatureMethod ?? 'HMAC-SHA1') as SignatureMethod,
    body: c.body,
    contentType: c.contentType,
    realm: c.realm,
    oauthParams: c.oauthParams,
    includeVersion: c.includeVersion,
    includeBodyHash: c.includeBodyHash,
    nonce: c.nonce,
    timestamp: c.timestamp,
  };
}
