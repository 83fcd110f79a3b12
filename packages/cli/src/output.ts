import type { Readable, Writable } from 'node:stream';
import { redact } from './redact.js';

/** The process around a command, injected so that commands never touch `process` directly. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: Record<string, string | undefined>;
  /** Only then may a browser be opened. */
  stdoutIsTTY: boolean;
  platform: NodeJS.Platform;
}

/** Writes lines to stdout/stderr with every registered secret masked, whatever the command prints. */
export class Output {
  readonly #io: Io;
  readonly #secrets: string[] = [];

  constructor(io: Io) {
    this.#io = io;
  }

  /** Masks `secret` in everything written from now on. */
  addSecret(secret: string | undefined): void {
    if (secret !== undefined && secret !== '') this.#secrets.push(secret);
  }

  /** The primary result (the body, the header, the listing): stdout. */
  out(text: string): void {
    this.#io.stdout.write(`${redact(text, this.#secrets)}\n`);
  }

  /** Status lines, progress and diagnostics: stderr, so that stdout pipes cleanly. */
  err(text: string): void {
    this.#io.stderr.write(`${redact(text, this.#secrets)}\n`);
  }

  /** A prompt on stderr without a newline. */
  prompt(text: string): void {
    this.#io.stderr.write(redact(text, this.#secrets));
  }
}
