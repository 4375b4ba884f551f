import { createHmac, randomUUID } from 'node:crypto';

/**
 * Builds and sends requests the way Slack does in HTTP mode, signed with the app's signing
 * secret, so tests drive the real Bolt HTTPReceiver through its signature check.
 */

/** The `X-Slack-Signature` value for `body` sent at `timestampSeconds`. */
export function signSlackRequest(secret: string, body: string, timestampSeconds: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface PostSignedOptions {
  secret: string;
  body: string;
  /** Defaults to JSON for a body starting with `{`, form-encoded otherwise (as Slack sends them). */
  contentType?: string;
  /** Unix seconds; defaults to now. Pass an old one to test replay protection. */
  timestamp?: number;
  /** Sent last, so they can also override the computed Slack headers (a forged signature, say). */
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, when it is JSON. */
  json?: unknown;
}

export async function postSigned(url: string, options: PostSignedOptions): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType =
    options.contentType ?? (options.body.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signSlackRequest(options.secret, options.body, timestamp),
      ...options.headers,
    },
    body: options.body,
  });
  const text = await response.text();
  const result: SignedResponse = { status: response.status, headers: response.headers, text };
  try {
    result.json = JSON.parse(text);
  } catch {
    // Bolt acks with an empty or plain-text body; `text` already carries it.
  }
  return result;
}

/**
 * A slash command's fields, as Slack sends them; `fields` override or add to the defaults.
 * Socket Mode delivers this object as the envelope payload; HTTP mode form-encodes it.
 */
export function slashCommandPayload(fields: Record<string, string> = {}): Record<string, string> {
  const defaults: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'kubecon-test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'alice',
    command: '/kubecon',
    text: '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T1/1/fake',
    trigger_id: `1.1.${randomUUID()}`,
  };
  return { ...defaults, ...fields };
}

export function slashCommandBody(fields: Record<string, string> = {}): string {
  return new URLSearchParams(slashCommandPayload(fields)).toString();
}

export interface EventBodyOptions {
  /** Defaults to a fresh id; reuse one to fake a Slack retry of the same event. */
  eventId?: string;
  teamId?: string;
  apiAppId?: string;
  /** The bot user the event is authorized for. */
  botUserId?: string;
  eventTime?: number;
}

export type SlackEvent = { type: string } & Record<string, unknown>;

/** An Events API `event_callback` envelope: the Socket Mode payload, or (as JSON) the HTTP body. */
export function eventPayload(event: SlackEvent, options: EventBodyOptions = {}): Record<string, unknown> {
  const teamId = options.teamId ?? 'T1';
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: options.apiAppId ?? 'A1',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: options.botUserId ?? 'UBOT',
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function eventBody(event: SlackEvent, options: EventBodyOptions = {}): string {
  return JSON.stringify(eventPayload(event, options));
}

/** An interactivity request (block_actions, view_submission, ...): a form with one `payload` field. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The handshake Slack sends when an Events API request URL is saved. */
export function urlVerificationBody(challenge: string): string {
  return JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' });
}
