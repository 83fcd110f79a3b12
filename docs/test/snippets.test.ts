// "Docs that cannot rot": every ```ts block of the root README and of docs/*.md type-checks (strict)
// against the built packages, with the few app-specific names declared in snippet-globals.d.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(docsDir, '..');
const packagesDir = path.join(repoRoot, 'packages');
const documents = [
  path.join(repoRoot, 'README.md'),
  ...readdirSync(packagesDir).map((name) => path.join(packagesDir, name, 'README.md')),
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(docsDir, name)),
];

function blocksOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

function typeErrors(file: string, blocks: string[]): string[] {
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(docsDir, 'tsconfig.json'), ts.sys.readFile).config,
    ts.sys,
    docsDir,
  );
  const base = path.relative(repoRoot, file).replace(/[\\/.]/g, '_');
  // Each block is its own module (export {} makes import-less blocks modules too).
  const sources = new Map(
    blocks.map((source, i) => [
      path.join(docsDir, 'test', `${base}-block-${i}.ts`),
      `${source}\nexport {};\n`,
    ]),
  );
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const source = sources.get(name);
    return source === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, source, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  const program = ts.createProgram({
    rootNames: [
      ...sources.keys(),
      path.join(docsDir, 'test', 'snippet-globals.d.ts'),
      // koa-passport ships no types; the passport package's tests declare what its README uses.
      path.join(packagesDir, 'passport', 'test', 'koa-passport.d.ts'),
    ],
    options: { ...config.options, noEmit: true, noUnusedLocals: false },
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? path.basename(diagnostic.file.fileName) : '';
    const line =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
        : 0;
    return `${where}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('TypeScript blocks in the docs', () => {
  it.each(documents.map((file) => [path.relative(repoRoot, file), file] as const))(
    '%s type-checks',
    (_name, file) => {
      const blocks = blocksOf(file);
      if (blocks.length === 0) return;
      expect(typeErrors(file, blocks)).toEqual([]);
    },
  );

  it('the root README has its snippets', () => {
    expect(blocksOf(path.join(repoRoot, 'README.md')).length).toBeGreaterThanOrEqual(4);
  });
});
