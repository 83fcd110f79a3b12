import { OAuth1Error } from '@oauth1a/core';

/** A form post of the connections routes is a few short fields; anything bigger is refused unread. */
export const MAX_FORM_BYTES = 16 * 1024;

/**
 * The fields of a POST: an HTML form (`application/x-www-form-urlencoded`) or a JSON object from
 * `fetch`. Settings come as `settings.<name>` form fields or a `settings` object in JSON. The body is
 * read with a byte cap, so a client that sends megabytes gets a 413 rather than filling memory.
 */
export interface FormFields {
  get(name: string): string | undefined;
  settings(): Record<string, string>;
}

export async function readForm(request: Request): Promise<FormFields> {
  const text = await readCapped(request);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (text === '') return fieldsOf(new Map(), {});
  if (type.startsWith('application/json')) return jsonFields(text);
  if (type === '' || type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(text);
    const plain = new Map<string, string>();
    const settings: Record<string, string> = {};
    for (const [name, value] of params) {
      if (name.startsWith('settings.')) settings[name.slice('settings.'.length)] = value;
      else plain.set(name, value);
    }
    return fieldsOf(plain, settings);
  }
  throw new OAuth1Error(
    'invalid_request',
    'send the form as application/x-www-form-urlencoded (an HTML form) or application/json',
    { status: 415 },
  );
}

function jsonFields(text: string): FormFields {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new OAuth1Error('invalid_request', 'the JSON body does not parse');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OAuth1Error('invalid_request', 'the JSON body must be an object of fields');
  }
  const plain = new Map<string, string>();
  let settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'settings' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      settings = Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : String(item)]),
      );
    } else if (typeof value === 'string') plain.set(name, value);
    else if (value !== null && value !== undefined) {
      throw new OAuth1Error('invalid_request', `the field "${name}" must be a string`);
    }
  }
  return fieldsOf(plain, settings);
}

function fieldsOf(plain: Map<string, string>, settings: Record<string, string>): FormFields {
  return {
    get: (name) => plain.get(name),
    settings: () => settings,
  };
}

async function readCapped(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_FORM_BYTES) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): OAuth1Error {
  return new OAuth1Error('invalid_request', `the form is over ${MAX_FORM_BYTES} bytes`, { status: 413 });
}
