import { AUTOMATION_SPECS, isBuiltAutomation } from '../registry';
import type { Automation } from '../state/automations';
import type { Budget, FactoryConfig, ModelPrice } from './schema';

/** The budget of one automation: `budgets` with `budgets.perAutomation.<name>` applied. */
export function budgetFor(config: Pick<FactoryConfig, 'budgets'>, automation: Automation): Budget {
  const { perAutomation, ...base } = config.budgets;
  const override = perAutomation[automation] ?? {};
  const set = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
  const builtIn = isBuiltAutomation(automation) ? AUTOMATION_SPECS[automation].budget : {};
  return { ...base, ...builtIn, ...set };
}

/**
 * Price of a model: an exact entry in `model.prices`, else the longest entry that is a prefix of
 * the id (so `claude-sonnet-4-5-20250929` uses `claude-sonnet-4-5`). Undefined when unknown.
 */
export function priceFor(config: Pick<FactoryConfig, 'model'>, model: string): ModelPrice | undefined {
  const prices = config.model.prices;
  if (prices[model]) return prices[model];
  const prefix = Object.keys(prices)
    .filter((k) => model.startsWith(`${k}-`) || model.startsWith(`${k}@`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : prices[prefix];
}
