import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { runAction } from '../../shared/action/entry';
import type { OctokitFactory } from '../../shared/github/client';
import { withPushAccess } from './push-access';
import { run } from './run';

// Thin entry point: everything else is in run() and the shared library, tested without mocks.
const token = core.getInput('app-token') || core.getInput('github-token');
void runAction('feature-builder', withPushAccess(run, token), { core, getOctokit: getOctokit as unknown as OctokitFactory, env: process.env });
