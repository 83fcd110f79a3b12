// Prints the top frames of a V8 CPU profile (node --cpu-prof): self time per function, and the total
// time under each of our own functions, so a README can say where the time goes.
//
//   node --cpu-prof --cpu-prof-dir=bench/results/profiles --import tsx bench/signed-fetch.bench.ts
//   npx tsx bench/top-frames.ts bench/results/profiles/<file>.cpuprofile [count]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/top-frames.ts <file.cpuprofile> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/packages\//, '')
    .replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of selfTime) {
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + time);
  // Inclusive time, each label counted once per sample however deep its recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}

const pct = (time: number) => `${((100 * time) / total).toFixed(1).padStart(5)}%`;
const top = (map: Map<string, number>, filter: (name: string) => boolean = () => true) =>
  [...map]
    .filter(([name]) => filter(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nself time`);
for (const [name, time] of top(self)) console.log(`${pct(time)}  ${name}`);
console.log('\ntotal time under our own code (core/src, express/src)');
for (const [name, time] of top(inclusive, (name) => /(core|express)\/(src|bench|dist)\//.test(name)))
  console.log(`${pct(time)}  ${name}`);
