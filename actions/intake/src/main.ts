import * as core from '@actions/core';
import { runAction } from '../../shared/action/entry';
import type { OctokitFactory } from '../../shared/github/client';

// Thin entry point: everything else is in run() and the shared library, tested without mocks.
// run() and @actions/github load only when the gate lets the event through (cold start).
void runAction('intake', async (deps, inputs) => (await import('./run')).run(deps, inputs), {
  core,
  loadOctokit: async () => (await import('@actions/github')).getOctokit as unknown as OctokitFactory,
  env: process.env,
});
