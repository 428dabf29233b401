// The forms suite on PostgreSQL (the `forms-postgresql` project of vitest.config.ts): one throw-away
// cluster for the whole run, its port handed to the test files (inject('pgCluster')); each app under
// test then gets a fresh database of its own on it (test/forms-helpers.ts).
import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgCluster: { port: number; user: string };
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide('pgCluster', { port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
