import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { classifyFailure, howToFix } from '../../../src/slack/digest/failures.ts';

/** A Web API error as @slack/web-api throws it: an Error with a code and the fields of that code. */
const webApiError = (code: ErrorCode, fields: Record<string, unknown>) => Object.assign(new Error(code), { code, ...fields });

describe('a Web API error, read for the digest poster', () => {
  it('waits out a 429 for as long as Retry-After says', () => {
    expect(classifyFailure(webApiError(ErrorCode.RateLimitedError, { retryAfter: 7 }))).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 7000,
      reason: 'ratelimited',
    });
  });

  it('takes ok: false and a 4xx as a refusal, with how to fix it when an operator can', () => {
    expect(classifyFailure(webApiError(ErrorCode.PlatformError, { data: { ok: false, error: 'is_archived' } }))).toEqual({
      kind: 'refused',
      reason: 'is_archived',
      fix: howToFix('is_archived'),
    });
    expect(classifyFailure(webApiError(ErrorCode.HTTPError, { statusCode: 404 }))).toEqual({ kind: 'refused', reason: 'HTTP 404' });
    expect(howToFix('not_in_channel')).toContain('/invite @kubecon');
    expect(howToFix('msg_too_long')).toBeUndefined();
  });

  it('counts a 5xx, a 408, a broken connection or anything unforeseen as a call Slack may have acted on', () => {
    expect(classifyFailure(webApiError(ErrorCode.HTTPError, { statusCode: 503 }))).toEqual({ kind: 'ambiguous', reason: 'HTTP 503' });
    expect(classifyFailure(webApiError(ErrorCode.HTTPError, { statusCode: 408 }))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyFailure(webApiError(ErrorCode.RequestError, {}))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyFailure(undefined)).toEqual({ kind: 'ambiguous', reason: 'undefined' });
  });
});
