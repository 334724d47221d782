import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expiresWithin, tokenExpiresAt } from './RoomToken.js';

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object): string => `${encode({ alg: 'ES256', kid: 'k1' })}.${encode(claims)}.c2ln`;

test('the expiry is read from the payload in milliseconds', () => {
  assert.equal(tokenExpiresAt(jwt({ exp: 1_800_000_000, sub: 'ada' })), 1_800_000_000_000);
});

test('base64url payloads with - and _ and no padding are read', () => {
  const token = jwt({ exp: 1_800_000_000, name: '\u00ff\u00fe?>?' });
  assert.match(token.split('.')[1] ?? '', /[-_]/);
  assert.equal(tokenExpiresAt(token), 1_800_000_000_000);
});

test('a token without a readable exp has no expiry', () => {
  for (const token of ['', 'e30', 'e30..', 'a.b.c', jwt({ exp: '1800000000' }), jwt({}), `x.${encode([1])}.y`]) {
    assert.equal(tokenExpiresAt(token), undefined, token);
  }
});

test('expiresWithin compares the expiry with now and a margin', () => {
  const token = jwt({ exp: 1_000 });
  assert.equal(expiresWithin(token, 60_000, 1_000_000 - 60_001), false);
  assert.equal(expiresWithin(token, 60_000, 1_000_000 - 60_000), true);
  assert.equal(expiresWithin(token, 0, 1_000_001), true, 'expired');
  assert.equal(expiresWithin('not a jwt', 60_000, 0), false);
});
