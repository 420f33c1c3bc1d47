import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findStreamCut } from './find-stream-cut.js';

/** The text findStreamCut lets go of, and the text it holds. */
function split(text: string, maxHold = 256): [string, string] {
  const cut = findStreamCut(text, maxHold);
  return [text.slice(0, cut), text.slice(cut)];
}

describe('findStreamCut', () => {
  it('holds only the trailing word of prose', () => {
    assert.deepEqual(split('hello wor'), ['hello ', 'wor']);
    assert.deepEqual(split('Hello World'), ['Hello ', 'World']);
    assert.deepEqual(split('one'), ['', 'one']);
    assert.deepEqual(split(''), ['', '']);
  });

  it('releases everything after whitespace that no match can cross', () => {
    assert.deepEqual(split('hello world '), ['hello world ', '']);
    assert.deepEqual(split('the end.\n'), ['the end.\n', '']);
    assert.deepEqual(split('4111 1111\n'), ['4111 1111\n', '']);
    assert.deepEqual(split('4111 1111  '), ['4111 1111  ', '']);
    assert.deepEqual(split('4111\t'), ['4111\t', '']);
    // Separators never touch a space inside a match: a sentence end releases at once.
    assert.deepEqual(split('Call 555. '), ['Call 555. ', '']);
    assert.deepEqual(split('(see below). '), ['(see below). ', '']);
    assert.deepEqual(split('card 4111- '), ['card 4111- ', '']);
  });

  it('holds a trailing single space after a group that can continue a spaced match', () => {
    assert.deepEqual(split('card 4111 1111 '), ['card ', '4111 1111 ']);
    assert.deepEqual(split('room 12 '), ['room ', '12 ']);
    assert.deepEqual(split('see (555) '), ['see ', '(555) ']);
  });

  it('holds the start of an email wherever the chunk ends', () => {
    assert.deepEqual(split('mail me at someone@exa'), ['mail me at ', 'someone@exa']);
    assert.deepEqual(split('mail me at someone'), ['mail me at ', 'someone']);
    assert.deepEqual(split('mail me at someone@example.'), ['mail me at ', 'someone@example.']);
    assert.deepEqual(split('mail <someone@example.com'), ['mail ', '<someone@example.com']);
  });

  it('holds card numbers written with spaces or dashes as one run', () => {
    assert.deepEqual(split('card 4111 1111 1111 11'), ['card ', '4111 1111 1111 11']);
    assert.deepEqual(split('card 4111-1111-11'), ['card ', '4111-1111-11']);
    assert.deepEqual(split('card 4111 1111 1111 1111 ok'), ['card 4111 1111 1111 1111 ', 'ok']);
  });

  it('holds IBANs and SSNs with spaces', () => {
    assert.deepEqual(split('iban DE89 3704 0044 05'), ['iban ', 'DE89 3704 0044 05']);
    // An upper-case word may be part of a spaced match: held too (conservative).
    assert.deepEqual(split('IBAN DE89 3704'), ['', 'IBAN DE89 3704']);
    assert.deepEqual(split('ssn 078 05 11'), ['ssn ', '078 05 11']);
  });

  it('holds phone numbers with parentheses, dots and a country code', () => {
    assert.deepEqual(split('call (555) 123-45'), ['call ', '(555) 123-45']);
    assert.deepEqual(split('call +1 (555) 12'), ['call ', '+1 (555) 12']);
    assert.deepEqual(split('call +44 20 7946 09'), ['call ', '+44 20 7946 09']);
    assert.deepEqual(split('call 555.123.'), ['call ', '555.123.']);
  });

  it('holds keys with vendor prefixes, and PEM headers across their spaces', () => {
    assert.deepEqual(split('key sk-proj-abc'), ['key ', 'sk-proj-abc']);
    assert.deepEqual(split('token ghp_'), ['token ', 'ghp_']);
    assert.deepEqual(split('id: AKIAIOSF'), ['id: ', 'AKIAIOSF']);
    assert.deepEqual(split('x -----BEGIN RSA PRIVATE'), ['x ', '-----BEGIN RSA PRIVATE']);
    assert.deepEqual(split('Authorization: Bearer eyJhb'), ['Authorization: Bearer ', 'eyJhb']);
  });

  it('holds IPv6 addresses with colons', () => {
    assert.deepEqual(split('at 2001:db8::'), ['at ', '2001:db8::']);
    assert.deepEqual(split('at [fe80::1'), ['at ', '[fe80::1']);
  });

  it('never holds more than maxHold characters', () => {
    const long = 'a'.repeat(300);
    assert.equal(findStreamCut(long, 256), 44);
    assert.equal(findStreamCut(`x ${'1 '.repeat(200)}`, 256), 402 - 256);
    assert.equal(findStreamCut('abc', 2), 1);
  });
});
