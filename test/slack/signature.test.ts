import { describe, expect, it } from 'vitest';
import { hasValidSignature } from '../../src/slack/body-guard.ts';

// Slack's published example ("Verifying requests from Slack").
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY = Buffer.from(
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
    '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
);
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const headers = (fields: Record<string, string | undefined> = {}) => ({
  'x-slack-request-timestamp': String(TIMESTAMP),
  'x-slack-signature': SIGNATURE,
  ...fields,
});
const at = (seconds: number) => (TIMESTAMP + seconds) * 1000;

describe('Slack request signatures', () => {
  it("accepts Slack's published example within five minutes either way", () => {
    expect(hasValidSignature(SECRET, headers(), BODY, at(0))).toBe(true);
    expect(hasValidSignature(SECRET, headers(), BODY, at(299))).toBe(true);
    expect(hasValidSignature(SECRET, headers(), BODY, at(-299))).toBe(true);
  });

  it('refuses a stale or future timestamp, a changed body, another secret, a bad or missing header', () => {
    expect(hasValidSignature(SECRET, headers(), BODY, at(301))).toBe(false);
    expect(hasValidSignature(SECRET, headers(), BODY, at(-301))).toBe(false);
    expect(hasValidSignature(SECRET, headers(), Buffer.concat([BODY, Buffer.from('&x=1')]), at(0))).toBe(false);
    expect(hasValidSignature('another-secret', headers(), BODY, at(0))).toBe(false);
    expect(hasValidSignature(SECRET, headers({ 'x-slack-signature': SIGNATURE.slice(0, -1) }), BODY, at(0))).toBe(false);
    expect(hasValidSignature(SECRET, headers({ 'x-slack-signature': `${SIGNATURE.slice(0, -1)}0` }), BODY, at(0))).toBe(false);
    expect(hasValidSignature(SECRET, headers({ 'x-slack-signature': undefined }), BODY, at(0))).toBe(false);
    expect(hasValidSignature(SECRET, headers({ 'x-slack-request-timestamp': undefined }), BODY, at(0))).toBe(false);
    expect(hasValidSignature(SECRET, headers({ 'x-slack-request-timestamp': '1531420618.5' }), BODY, at(0))).toBe(false);
  });
});
