import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

/** Type-checks every TypeScript block of the README against the built package (`npx tsup` first). */
function diagnostics(): string[] {
  const configPath = `${packageDir}tsconfig.json`;
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    packageDir,
  );
  const files = new Map(blocks.map((source, i) => [`${packageDir}test/readme-block-${i}.ts`, source]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const source = files.get(name);
    return source === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, source, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram({
    rootNames: [...files.keys(), `${packageDir}test/koa-passport.d.ts`],
    options: { ...config.options, noEmit: true },
    host,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName.replace(packageDir, '') ?? ''}:${d.start ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

describe('README', () => {
  it('has TypeScript examples, and every one type-checks (strict)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(diagnostics()).toEqual([]);
  }, 60_000);
});
