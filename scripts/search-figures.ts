// Search figures (issue 17): every language's index built, heap before and after (with forced GCs), query p50/p99.
// Run: node --expose-gc --import tsx scripts/search-figures.ts
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createSearch, MAX_RESULTS } from '../src/search/routes.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const { site: deps, close } = createApp(loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '/tmp/search-figures' }));
const search = createSearch(deps);
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const languages = search.buildAll();
const buildMs = performance.now() - started;
gc();
const after = process.memoryUsage().heapUsed;
const queries: [string, string, string][] = [
  ['us', 'en', 'how do I opt out of marketing e-mail'],
  ['us', 'en', 'cookies'],
  ['us', 'en', 'payment phone number'],
  ['fr', 'fr', 'societe'],
  ['fr', 'fr', 'Allemagne'],
  ['de', 'de', 'Zahlung'],
  ['jp', 'ja', 'クッキー'],
  ['cn', 'zh', '隐私声明'],
  ['tw', 'zh', '付款'],
  ['sa', 'ar', 'ملفات تعريف الارتباط'],
  ['us', 'en', 'x'.repeat(200)],
  ['us', 'en', 'a'],
];
// The timed languages are built (buildAll cycles every language through the bounded cache) and warm.
for (const [cc, lang, words] of queries) search.find(deps.registry.site(cc, lang)!, words, MAX_RESULTS);
const times: number[] = [];
// CPU time too: on a shared, loaded machine wall time also counts other processes.
const cpu: number[] = [];
for (let round = 0; round < 200; round++) {
  for (const [cc, lang, words] of queries) {
    const s = deps.registry.site(cc, lang)!;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    search.find(s, words, MAX_RESULTS);
    const spent = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((spent.user + spent.system) / 1000);
  }
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const at = (p: number, of = times) => of[Math.min(of.length - 1, Math.floor(of.length * p))]!.toFixed(3);
console.log(`indexes: ${languages} (one per language of text and of region names), built in ${buildMs.toFixed(0)} ms`);
console.log(`heap: ${(before / 1e6).toFixed(1)} MB → ${(after / 1e6).toFixed(1)} MB (+${((after - before) / 1e6).toFixed(1)} MB)`);
console.log(`query wall: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms over ${times.length} queries`);
console.log(`query CPU:  p50 ${at(0.5, cpu)} ms, p99 ${at(0.99, cpu)} ms, max ${at(1, cpu)} ms`);
close();
