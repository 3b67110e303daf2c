import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { runAction } from '../../shared/action/entry';
import type { OctokitFactory } from '../../shared/github/client';
import { run } from './run';

// Thin entry point: everything else is in run() and the shared library, tested without mocks.
void runAction('feature-builder', run, { core, getOctokit: getOctokit as unknown as OctokitFactory, env: process.env });
