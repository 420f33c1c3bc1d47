import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_DLP_DETECTORS, type DlpSlug } from './builtin-dlp-detectors.js';
import { passesIbanMod97, passesLuhn } from './check-digits.js';

function found(slug: DlpSlug, text: string): string[] {
  return BUILTIN_DLP_DETECTORS[slug].find(text).map(([s, e]) => text.slice(s, e));
}

describe('built-in DLP detectors', () => {
  it('check digits: Luhn and IBAN mod-97', () => {
    assert.ok(passesLuhn('4111111111111111'));
    assert.ok(!passesLuhn('4111111111111112'));
    assert.ok(passesIbanMod97('GB82 WEST 1234 5698 7654 32'));
    assert.ok(passesIbanMod97('DE89370400440532013000'));
    assert.ok(!passesIbanMod97('GB82 WEST 1234 5698 7654 33'));
  });

  it('finds each kind and leaves look-alikes alone', () => {
    assert.deepEqual(found('email', 'write to jane.doe+x@mail.example.co.uk, or not@all'), ['jane.doe+x@mail.example.co.uk']);
    assert.deepEqual(found('phone', 'call (415) 555-0132 or +44 20 7946 0958; order 20240101'), ['(415) 555-0132', '+44 20 7946 0958']);
    assert.deepEqual(found('ssn', 'ssn 078-05-1120, not 000-12-3456 or 078-05-11200'), ['078-05-1120']);
    assert.deepEqual(found('credit-card', 'card 4111 1111 1111 1111 and 5500-0000-0000-0004, not 4111 1111 1111 1112'), [
      '4111 1111 1111 1111',
      '5500-0000-0000-0004',
    ]);
    assert.deepEqual(found('ip-address', 'hosts 192.168.1.20, 2001:db8::8a2e:370:7334 and fe80::1; not 999.1.1.1, 1.2.3.4.5, std::vector, 12:30:45'), [
      '192.168.1.20',
      '2001:db8::8a2e:370:7334',
      'fe80::1',
    ]);
    assert.deepEqual(found('iban', 'pay GB82 WEST 1234 5698 7654 32 or DE89370400440532013000, not GB82WEST12345698765433'), [
      'GB82 WEST 1234 5698 7654 32',
      'DE89370400440532013000',
    ]);
    const secrets = found(
      'secret',
      'keys: sk-proj-abcdefghijklmnopqrstuvwx1234 AKIAIOSFODNN7EXAMPLE ghp_0123456789abcdefghijklmnopqrstuvwxyzAB xoxb-123456789012-abcdefghij api_key = "Zq8x2Lw9Pm4Rt7Vy1Bn6Ck3Dj5"; token: hello-world-this-is-plain',
    );
    assert.deepEqual(secrets, [
      'sk-proj-abcdefghijklmnopqrstuvwx1234',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      'xoxb-123456789012-abcdefghij',
      'Zq8x2Lw9Pm4Rt7Vy1Bn6Ck3Dj5',
    ]);
  });

  it('stays linear on hostile input (no quadratic backtracking)', () => {
    const hostile = ['a'.repeat(100_000), '1'.repeat(100_000), `${'a.'.repeat(50_000)}@`, `${'1:'.repeat(50_000)}`, `${'A1'.repeat(50_000)}`];
    const started = performance.now();
    for (const text of hostile) {
      for (const detector of Object.values(BUILTIN_DLP_DETECTORS)) detector.find(text);
    }
    // Linear scans of these 500k characters take milliseconds; a quadratic pattern would take minutes.
    // The bound is loose so a busy CI machine does not flake, and still far below quadratic.
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 5_000, `scanning hostile input took ${Math.round(elapsed)} ms`);
  });
});
