import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('the programmatic example runs against the built package', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      // cwd is the package, so '@oauth1a/mock-provider' and '@oauth1a/core' resolve to their dist builds.
      const child = spawn(process.execPath, ['--input-type=module', '-e', js], {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        out += chunk;
      });
      child.on('exit', (exitCode) => resolve({ code: exitCode, out }));
    });
    expect(out).toContain("endpoint: 'request_token'");
    expect(code).toBe(0);
  });
});
