import { createHmac, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SIGNING_SECRET, TEAM_ID, USERS } from './fixture.ts';

export interface Prepared {
  readonly body: Buffer;
  readonly headers: Record<string, string | number>;
}

/** The labelled queries of bench/queries (searches that hit and that miss), and every subcommand. */
export function commandTexts(root: string): string[] {
  const dir = path.join(root, 'bench', 'queries');
  const labelled = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { query: string }[]).map((q) => q.query));
  return [
    ...labelled,
    'help',
    'topics',
    'topic observability',
    'sujet sécurité',
    'random',
    'edition 2022',
    'takeaways',
    'takeaways 2022',
    'edition 1999',
  ];
}

/**
 * Signed `/kubecon <text>` requests `first` to `first + count - 1`, prepared before the clock
 * starts so signing costs the generator nothing. Request i has the same text and user for
 * every server, so each is measured on the same sequence.
 */
export function prepare(count: number, texts: readonly string[], responseUrl: (i: number) => string, first: number): Prepared[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const body = Buffer.from(
      new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        team_domain: 'bench',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: USERS[i % USERS.length]!,
        user_name: 'bench',
        command: '/kubecon',
        text: texts[i % texts.length]!,
        api_app_id: 'A1',
        is_enterprise_install: 'false',
        response_url: responseUrl(i),
        trigger_id: `1.1.${randomUUID()}`,
      }).toString(),
    );
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
    return {
      body,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': body.length,
        'X-Slack-Request-Timestamp': timestamp,
        'X-Slack-Signature': signature,
      },
    };
  });
}
