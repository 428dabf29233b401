// The request log's batched sink (issue 15): every line arrives, in order, once; past the limit lines are dropped and counted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogSink } from '../src/http/logging.js';

function tempFile(): { file: string; fd: number } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-sink-')), 'out.log');
  return { file, fd: fs.openSync(file, 'w') };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('LogSink', () => {
  it('writes every line once and in order, in chunks, and the rest on flushSync', async () => {
    const { file, fd } = tempFile();
    const sink = new LogSink(fd, 1024);
    const lines = Array.from({ length: 500 }, (_, i) => `{"n":${i},"path":"/us/en/privacy"}\n`);
    for (const line of lines) sink.write(line);
    // Some chunks went out asynchronously already; the tail is still pending.
    await until(() => fs.statSync(file).size > 0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await until(() => !sink.busy);
    sink.flushSync();
    expect(fs.readFileSync(file, 'utf8')).toBe(lines.join(''));
    fs.closeSync(fd);
  });

  it('writes what is pending on flush, without waiting for a full chunk', async () => {
    const { file, fd } = tempFile();
    const sink = new LogSink(fd, 32 * 1024);
    sink.write('{"a":1}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    sink.flush();
    await until(() => fs.statSync(file).size > 0);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    fs.closeSync(fd);
  });

  it('drops and counts lines past its limit instead of holding them', () => {
    const { file, fd } = tempFile();
    const sink = new LogSink(fd, 1 << 20, 100);
    const line = `${'x'.repeat(39)}\n`;
    expect([sink.write(line), sink.write(line), sink.write(line)]).toEqual([true, true, false]);
    expect(sink.dropped).toBe(1);
    sink.flushSync();
    expect(fs.readFileSync(file, 'utf8')).toBe(line + line);
    fs.closeSync(fd);
  });
});
