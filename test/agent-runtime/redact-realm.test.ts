import { runInNewContext } from 'node:vm';
import { createRedactor } from '../../actions/shared/security';

/**
 * JSON parsed by the runtime's fetch (the Anthropic SDK's responses) can come from another realm
 * than the code redacting it, as under jest's vm. Such objects are plain data and must be
 * redacted like any other; they used to pass through untouched (a transcript leak).
 */
test('redactDeep redacts plain objects made in another realm', () => {
  const redactor = createRedactor(['dotenv-session-secret-4f9a2c7e1b']);
  const foreign = runInNewContext(
    'JSON.parse(\'{"input":{"body":"SESSION_SECRET is dotenv-session-secret-4f9a2c7e1b","token":"ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000"}}\')',
  ) as object;
  expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
  expect(redactor.redactDeep(foreign)).toEqual({
    input: { body: 'SESSION_SECRET is [REDACTED:secret]', token: '[REDACTED:secret]' },
  });
});
