import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, intFlag, choiceFlag, UsageError } from '../../../src/cli/args';

test('flags with = or a separate value, booleans and positionals', () => {
  const a = parseArgs(['x.csv', '--rows=5', '--seed', '7', '--json'], ['rows', 'seed'], ['json']);
  assert.deepEqual(a.positional, ['x.csv']);
  assert.equal(intFlag(a, 'rows', 1), 5);
  assert.equal(intFlag(a, 'seed', 1), 7);
  assert.equal(a.flags.get('json'), true);
  assert.equal(intFlag(a, 'missing', 42), 42);
});

test('usage errors name the option and what is allowed', () => {
  assert.throws(() => parseArgs(['--rowz', '5'], ['rows'], []), (e: Error) => e instanceof UsageError && /--rowz/.test(e.message) && /--rows/.test(e.message));
  assert.throws(() => parseArgs(['--rows'], ['rows'], []), /--rows needs a value/);
  assert.throws(() => intFlag(parseArgs(['--rows', 'ten'], ['rows'], []), 'rows', 1, 1), /--rows must be an integer >= 1 \(got "ten"\)/);
  assert.throws(() => choiceFlag(parseArgs(['--model', 'gan'], ['model'], []), 'model', ['copula', 'ctgan'] as const, 'copula'), /one of copula, ctgan/);
});
