import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMockProvider } from '../src/index.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function runNode(
  script: string,
  timeoutMs = 10_000,
): Promise<{ code: number | null; timedOut: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, timedOut: signal === 'SIGKILL', out });
    });
  });
}

describe('close()', () => {
  it('lets the process exit by itself after keep-alive requests and a pending latency fault', async () => {
    const result = await runNode(`
      import { startMockProvider } from ${JSON.stringify(dist)};
      const mock = await startMockProvider({ faults: { whoami: { latencyMs: 60000 } } });
      const response = await fetch(mock.url + '/oauth/request_token', { method: 'POST' });
      await response.text();
      const pending = fetch(mock.url + '/api/whoami').catch(() => 'dropped');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await mock.close();
      console.log('closed', response.status, await pending, Date.now() - started < 2000);
    `);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(result.out.trim()).toBe('closed 400 dropped true');
  });

  it('is idempotent and refuses new connections', async () => {
    const mock = await startMockProvider();
    await mock.close();
    await mock.close();
    await expect(fetch(mock.url)).rejects.toThrow();
  });
});
