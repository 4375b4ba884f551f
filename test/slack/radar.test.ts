import { describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/** `/kubecon radar` through the real Bolt app over signed HTTP, answered on the response_url. */
const start = harnessPerTest({ mode: 'http' });

let ids = 0;
async function ask(h: Harness, text: string, user = 'U1') {
  const responseId = `radar-${++ids}`;
  await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: slashCommandBody({ text, user_id: user, response_url: h.fake.responseUrl(responseId) }),
  });
  const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
  return { args: answer.args, json: JSON.stringify(answer.args.blocks) };
}

describe('/kubecon radar over Slack', () => {
  // The harness's catalogue has one edition; radar.test.ts follows several through the real one.
  it('answers a topic: a section per edition, each step linked to its video, privately with Dismiss', async () => {
    const h = await start();
    const { args, json } = await ask(h, 'radar autoscaling');
    expect(args.response_type).toBe('ephemeral');
    expect(json).toContain('The team on Autoscaling, edition after edition');
    expect(json).toContain('*KubeCon EU 2030 · Lyon*');
    expect(json).toMatch(/_Assess_ · \*<https:\/\/www\.youtube\.com\/watch\?v=[\w-]+\|Karpenter Autoscaling in Anger>\*/);
    expect(json).toContain('"action_id":"dismiss"');
  });

  it('says so for a technology the team never took a position on, and what to try instead', async () => {
    const h = await start();
    const { json } = await ask(h, 'radar windows');
    expect(json).toContain('The team never took a position on “windows”');
    expect(json).toContain('/kubecon radar');
  });

  it('shows the whole radar alone, grouped by stance, in the user’s language', async () => {
    const h = await start();
    h.fake.setLocale('UFR', 'fr-FR');
    const { json } = await ask(h, 'radar', 'UFR');
    expect(json).toContain('Le radar de l’équipe\u00a0: où elle en est aujourd’hui');
    // Every talk of this catalogue is at assess.
    expect(json).toContain('*À évaluer*');
    expect(json).not.toContain('*Adopté*');
    expect(json).toMatch(/\|prometheus> \(2030\)/);
  });

  it('writes each step with French punctuation for a French reader', async () => {
    const h = await start();
    h.fake.setLocale('UFR2', 'fr-FR');
    const { json } = await ask(h, 'radar autoscaling', 'UFR2');
    expect(json).toContain('L’équipe et Mise à l’échelle, d’une édition à l’autre');
    expect(json).toMatch(/\|Karpenter Autoscaling in Anger>\*\u00a0: Retour en français/);
  });
});
