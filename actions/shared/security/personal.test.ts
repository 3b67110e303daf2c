import { scrubPersonalData } from './personal';

describe('scrubPersonalData', () => {
  it.each([
    ['an email', 'user ann.lee+shop@example.co.uk failed', 'user [REDACTED:email] failed'],
    ['an IPv4 address', 'from 203.0.113.42:443', 'from [REDACTED:ip]:443'],
    ['an IPv6 address', 'client 2001:db8:85a3::8a2e:370:7334 gone', 'client [REDACTED:ip] gone'],
    [
      'a credential assignment',
      'login password=hunter22 api_key: "abcd1234"',
      'login password=[REDACTED:credential] api_key: "[REDACTED:credential]"',
    ],
  ])('redacts %s', (_name, input, output) => {
    expect(scrubPersonalData(input)).toBe(output);
  });

  it('leaves times, versions and code alone', () => {
    const text = 'at 12:30:45 in v1.2.3 of src/cart.ts:42 (std::vector, a::b)';
    expect(scrubPersonalData(text)).toBe(text);
  });
});
