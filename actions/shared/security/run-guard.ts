import type { FactoryConfig } from '../config/schema';
import type { GitHub } from '../github/types';
import { allowedHostsFor } from './outbound';
import { outboundWriter } from './outbound-writer';
import { RUN_SECRET_ENV, secretEnvValues, type Redactor } from './redact';

/**
 * What a run's dependencies get once the config is read (Actions and the CLI alike): the redactor
 * learns the values of the variables that hold secrets (the run's tokens and the config's
 * `secrets.env`), the allowed hosts gain the GitHub Enterprise server the run is on, and the
 * GitHub client's writer gets the outbound check, so nothing reaches GitHub without it.
 */
export function guardRun<C extends Pick<FactoryConfig, 'outputs' | 'secrets'>>(opts: {
  github: GitHub;
  config: C;
  redactor: Redactor;
  env: Record<string, string | undefined>;
}): { github: GitHub; config: C } {
  const { redactor, env } = opts;
  redactor.learn(secretEnvValues(env, [...RUN_SECRET_ENV, ...opts.config.secrets.env]));
  const allowedHosts = allowedHostsFor(opts.config.outputs.allowedHosts, env.GITHUB_SERVER_URL);
  return {
    config: { ...opts.config, outputs: { ...opts.config.outputs, allowedHosts } },
    github: { ...opts.github, writer: outboundWriter(opts.github.writer, { redact: (t) => redactor.redact(t), allowedHosts }) },
  };
}
