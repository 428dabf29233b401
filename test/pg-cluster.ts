// A throw-away PostgreSQL for the tests: Debian's own binaries (/usr/lib/postgresql/*/bin), a fresh
// cluster made by initdb in a temporary directory as an unprivileged user (`postgres` when we run as
// root), on a free loopback port with its unix socket in that directory; stopped and removed by stop().
// Without PostgreSQL the tests that need it skip — except in CI (CI=true), where they must fail.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Whether the PostgreSQL tests run here; in CI a missing PostgreSQL is an error, not a skip. */
export function havePostgres(): boolean {
  const bin = postgresBin();
  if (!bin && process.env.CI === 'true') throw new Error("CI=true but PostgreSQL is missing: install Debian's postgresql (.ci/run does)");
  return bin !== undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Cluster {
  port: number;
  /** The superuser the tests connect as (trust authentication on loopback). */
  user: string;
  /** A new, empty database on the cluster and its URL. */
  database(name?: string): Promise<string>;
  /** Stops the server (the data stays), e.g. to test a lost database. */
  pause(): void;
  resume(): void;
  stop(): void;
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)');
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const data = path.join(dir, 'data');
  const user = root ? 'postgres' : os.userInfo().username;
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    execFileSync(root ? 'runuser' : path.join(bin, cmd), root ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  let n = 0;
  const admin = `postgresql://${user}@127.0.0.1:${port}/postgres`;
  return {
    port,
    user,
    async database(name = `t${process.pid}_${++n}`) {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgresql://${user}@127.0.0.1:${port}/${name}`;
    },
    pause() {
      if (running) halt();
      running = false;
    },
    resume() {
      if (!running) start();
      running = true;
    },
    stop() {
      try {
        if (running) halt();
      } finally {
        running = false;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
