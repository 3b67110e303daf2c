import { ROUTES } from './events/route';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS, type AutomationSpec, type BuiltAutomation } from './registry';

/** The registry's list, for the build to compare with the actions on disk. */
export function builtAutomations(): BuiltAutomation[] {
  return [...BUILT_AUTOMATIONS];
}

/**
 * docs/automations.md, written by the build from the registry and the routing table, so the
 * page lists exactly the automations this version has, with their triggers, tools and intents.
 */
export function automationsDoc(): string {
  const rows = BUILT_AUTOMATIONS.map((name) => {
    const spec: AutomationSpec = AUTOMATION_SPECS[name];
    const triggers = ROUTES[name].map((r) => (r.actions ? `\`${r.kind}\` (${r.actions.join(', ')})` : `\`${r.kind}\``)).join(', ');
    const intents = spec.intents.length ? spec.intents.map((k) => `\`${k}\``).join(', ') : 'none (writes by code only)';
    const budget = Object.keys(spec.budget).length
      ? Object.entries(spec.budget)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
      : 'the config’s `budgets`';
    return `| \`${name}\` | ${spec.summary} | ${triggers} | \`.github/workflows/${spec.workflow}\` | ${spec.toolset ?? 'no model'} | ${intents} | ${budget} | ${spec.writesCode ? 'yes' : 'no'} |`;
  });
  return [
    '# Automations',
    '',
    '<!-- Written by `npm run build` from actions/shared/registry.ts and actions/shared/events/route.ts; edit those, not this page. -->',
    '',
    'The automations this version of the factory has. Each is an action (`actions/<name>/`) run by one workflow. An event that',
    'matches none of its triggers is a neutral skip.',
    '',
    '| automation | what it does | triggers | workflow | agent tools | intents its agent may record | default budget | writes code |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
