import checkoutSpec from './specs/checkout.md';
import formatSpec from './specs/format.md';
import receiptsSpec from './specs/receipts.md';

/**
 * The sample product the sandbox repository starts with: a tiny shop library with a `node --test`
 * suite. One test fails on purpose (the discount is subtracted as an amount, not a percentage);
 * the demo's issue asks for the fix and the scripted builder's edit makes the suite pass.
 */
export const SAMPLE_TEST_COMMAND = 'npm test';

export const SAMPLE_BUG = {
  title: 'Discount codes subtract the percentage as money',
  body: [
    'A 10% discount on a 200.00 cart should give 180.00, but checkout shows 190.00.',
    '',
    '**Expected:** `applyDiscount(200, 10)` returns `180`.',
    '**Observed:** it returns `190`.',
    '',
    'See `src/pricing.js`. The test `applies a percentage discount` fails.',
  ].join('\n'),
  /** The edit that fixes it, for scripted model scenarios. */
  fix: {
    path: 'src/pricing.js',
    oldString: '  return round2(total - percent);',
    newString: '  return round2(total * (1 - percent / 100));',
  },
} as const;

/**
 * The demo's second issue: its fix is a database migration, a protected path. The sample's config
 * lets the factory write migrations (risk.writableProtectedPaths), so it builds the change, but
 * the pull request is high risk and waits for a person.
 */
export const SAMPLE_MIGRATION = {
  title: 'Orders should remember which discount code was used',
  body: [
    'Support asks which discount code an order used, and the orders table does not say.',
    '',
    '**Expected:** each order row has a `discount_code` column (empty when no code was used).',
    '**Observed:** there is no such column; see `migrations/001_create_orders.sql`.',
  ].join('\n'),
  plan: [
    '### Plan',
    '**Summary:** add a nullable `discount_code` column to `orders` in a new migration.',
    '**Affected area:** `migrations/` (a schema change: a person merges it)',
    '**Acceptance criteria:**',
    '- [ ] a new migration adds `orders.discount_code TEXT`',
    '- [ ] the test suite passes',
    '**Size:** S',
  ].join('\n'),
  change: {
    path: 'migrations/002_order_discount_code.sql',
    content: '-- Orders remember the discount code they used (NULL: none).\nALTER TABLE orders ADD COLUMN discount_code TEXT;\n',
  },
  pullRequest: {
    title: 'Record the discount code on each order',
    body: 'Adds migration 002: a nullable orders.discount_code column. Existing rows keep NULL. No code reads it yet.',
  },
} as const;

function dispatchableWorkflow(name: string, job: string, extraInputs: string[] = []): string {
  return [
    `name: ${name}`,
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    '      issue-number: { type: string, required: false }',
    ...extraInputs.map((i) => `      ${i}: { type: string, required: false }`),
    'permissions: {}',
    'jobs:',
    `  ${job}:`,
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - run: echo ${job}`,
    '',
  ].join('\n');
}

export function sampleProductFiles(): Record<string, string> {
  return {
    'README.md': '# sample-shop\n\nA tiny shop library used by the Software Factory sandbox.\n\n`npm test` runs the suite.\n',
    'package.json': `${JSON.stringify(
      { name: 'sample-shop', version: '1.0.0', private: true, type: 'commonjs', scripts: { test: 'node --test test/' } },
      null,
      2,
    )}\n`,
    '.gitignore': 'node_modules/\n',
    'src/pricing.js': [
      "'use strict';",
      '',
      '/** Rounds to cents. */',
      'function round2(n) {',
      '  return Math.round(n * 100) / 100;',
      '}',
      '',
      '/** Total of the cart lines: [{ price, qty }]. */',
      'function cartTotal(lines) {',
      '  return round2(lines.reduce((sum, l) => sum + l.price * l.qty, 0));',
      '}',
      '',
      '/** Applies a percentage discount (0-100) to a total. */',
      'function applyDiscount(total, percent) {',
      "  if (percent < 0 || percent > 100) throw new RangeError('percent must be between 0 and 100');",
      '  return round2(total - percent);',
      '}',
      '',
      'module.exports = { round2, cartTotal, applyDiscount };',
      '',
    ].join('\n'),
    'src/format.js': [
      "'use strict';",
      '',
      '/** Formats an amount as a price string, e.g. 12.5 -> "12.50". */',
      'function formatPrice(amount) {',
      '  return amount.toFixed(2);',
      '}',
      '',
      'module.exports = { formatPrice };',
      '',
    ].join('\n'),
    'test/pricing.test.js': [
      "'use strict';",
      "const test = require('node:test');",
      "const assert = require('node:assert/strict');",
      "const { cartTotal, applyDiscount } = require('../src/pricing');",
      '',
      "test('sums cart lines', () => {",
      '  assert.equal(cartTotal([{ price: 10, qty: 2 }, { price: 0.1, qty: 3 }]), 20.3);',
      '});',
      '',
      "test('applies a percentage discount', () => {",
      '  assert.equal(applyDiscount(200, 10), 180);',
      '});',
      '',
      "test('rejects a discount over 100%', () => {",
      '  assert.throws(() => applyDiscount(10, 150), RangeError);',
      '});',
      '',
    ].join('\n'),
    'test/format.test.js': [
      "'use strict';",
      "const test = require('node:test');",
      "const assert = require('node:assert/strict');",
      "const { formatPrice } = require('../src/format');",
      '',
      "test('formats two decimals', () => {",
      "  assert.equal(formatPrice(12.5), '12.50');",
      '});',
      '',
    ].join('\n'),
    'migrations/001_create_orders.sql': [
      'CREATE TABLE orders (',
      '  id INTEGER PRIMARY KEY,',
      '  total_cents INTEGER NOT NULL,',
      '  created_at TEXT NOT NULL',
      ');',
      '',
    ].join('\n'),
    // Three spec areas the quality grader tells apart: fully tested, partly tested, not built.
    'specs/checkout.md': checkoutSpec,
    'specs/format.md': formatSpec,
    'specs/receipts.md': receiptsSpec,
    // Stand-ins for the factory's workflows, so that chaining by workflow_dispatch finds them.
    '.github/workflows/factory-builder.yml': dispatchableWorkflow('factory-builder', 'build', ['command-comment']),
    '.github/workflows/factory-planner.yml': dispatchableWorkflow('factory-planner', 'plan'),
    '.github/workflows/factory-reviewer.yml': dispatchableWorkflow('factory-reviewer', 'review'),
    '.github/factory.yml': [
      '# Software Factory configuration for the sample product',
      'model:',
      '  name: claude-haiku-4-5',
      'commands:',
      '  test: npm test',
      'budgets:',
      '  maxTurns: 20',
      'risk:',
      '  # The factory may write migrations; a pull request that does stays high risk and waits for a person.',
      "  writableProtectedPaths: ['migrations/**']",
      'quality:',
      '  # The grader runs the suite with a JUnit report, so it knows which tests passed.',
      '  testCommand: node --test --test-reporter=junit --test-reporter-destination=test-results/quality.xml test/',
      '  testReport: test-results/quality.xml',
      '',
    ].join('\n'),
  };
}
