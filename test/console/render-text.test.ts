import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { mrkdwnToText, renderMessage, renderMessageAsText } from '../../src/console/render-text.ts';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

describe('mrkdwn as terminal text', () => {
  it('turns links into "label (url)", drops bold and italic marks, and undoes escapes', () => {
    expect(mrkdwnToText('*<https://www.youtube.com/watch?v=YX0sql_3dt8|Deep Dive>*')).toBe(
      'Deep Dive (https://www.youtube.com/watch?v=YX0sql_3dt8)',
    );
    expect(mrkdwnToText('_Stance: adopt_\n*Team’s takeaway:* fine')).toBe('Stance: adopt\nTeam’s takeaway: fine');
    expect(mrkdwnToText('&lt;!channel&gt; &amp; <https://example.com>')).toBe('<!channel> & https://example.com');
  });

  it('leaves underscores and asterisks inside words alone, and marks written literal with a zero-width space', () => {
    expect(mrkdwnToText('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(mrkdwnToText('a \u200B*star\u200B* here')).toBe('a *star* here');
  });

  it('styles bold, italic, strikethrough and code with ANSI codes for a terminal, nested marks too', () => {
    expect(mrkdwnToText('*bold* _it_ ~old~ `npm start`', { ansi: true })).toBe(
      '\x1b[1mbold\x1b[22m \x1b[3mit\x1b[23m \x1b[9mold\x1b[29m \x1b[36mnpm start\x1b[39m',
    );
    expect(mrkdwnToText('*_both_*', { ansi: true })).toBe('\x1b[1m\x1b[3mboth\x1b[23m\x1b[22m');
  });

  it('drops backticks, keeps what is inside code as typed, and leaves emoji shortcodes readable', () => {
    expect(mrkdwnToText('• `/kubecon topic:*x* <anything>`: :tada: ```\nnpm ci\n```')).toBe(
      '• /kubecon topic:*x* <anything>: :tada: npm ci',
    );
  });

  it('names users, channels and special mentions as Slack shows them', () => {
    expect(mrkdwnToText('<@U123> <@U123|alice> <#C1|general> <!here> <!date^1700000000^{date}|14 Nov 2023>')).toBe(
      '@U123 @alice #general @here 14 Nov 2023',
    );
  });

  it('prints a URL already shown as its label alone', () => {
    const seen = new Set<string>();
    expect(mrkdwnToText('<https://a.example/x|Talk> · <https://a.example/x|write-up>', { seen })).toBe(
      'Talk (https://a.example/x) · write-up',
    );
    expect(seen).toEqual(new Set(['https://a.example/x']));
  });
});

describe('Block Kit as terminal text', () => {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Results *1*') },
    {
      type: 'section',
      block_id: 'talk:one',
      text: { type: 'mrkdwn', text: '*<https://v.example/1|One>*\n<https://a.example/1|write-up>' },
      accessory: {
        type: 'overflow',
        action_id: 'talk_menu',
        options: [
          { text: plain('Details'), value: 'details:one' },
          { text: plain('Watch'), url: 'https://v.example/1' },
        ],
      },
    },
    { type: 'context', elements: [{ type: 'image', image_url: 'https://i.example/x.png', alt_text: 'logo' }, plain('a *plain* note')] },
    {
      type: 'section',
      block_id: 'talk:two',
      text: { type: 'mrkdwn', text: '*<https://a.example/1|Two>*' },
      accessory: { type: 'button', action_id: 'share_talk', text: plain('Share'), value: 'two' },
    },
    {
      type: 'actions',
      block_id: 'controls',
      elements: [
        {
          type: 'static_select',
          action_id: 'pick_topic',
          placeholder: plain('Pick a topic'),
          option_groups: [
            {
              label: plain('1–2'),
              options: [
                { text: plain('Security (3)'), value: 'security' },
                { text: plain('GPU (1)'), value: 'gpu' },
              ],
            },
          ],
        },
        { type: 'button', action_id: 'more_results', text: plain('More'), value: '{"c":"x","p":1}' },
        { type: 'button', action_id: 'watch_video', text: plain('▶ Watch'), url: 'https://v.example/2' },
        { type: 'datepicker', action_id: 'when', placeholder: plain('Pick a date') },
      ],
    },
  ];

  it('numbers every button and menu option, in reading order, with the action Slack would send', () => {
    const { text, choices } = renderMessage({ text: 'fallback', blocks });
    expect(text).toBe(
      [
        '== Results *1* ==',
        '',
        'One (https://v.example/1)',
        'write-up (https://a.example/1)',
        '[1] Details',
        '   logo',
        '   a *plain* note',
        '',
        // Another talk: its URLs are its own, even one the talk above showed.
        'Two (https://a.example/1)',
        '[2] Share',
        '',
        'Pick a topic:',
        '1–2:',
        '[3] Security (3)  [4] GPU (1)',
        '[5] More  [▶ Watch] https://v.example/2',
        '[Pick a date]',
        '',
      ].join('\n'),
    );
    expect(choices).toEqual([
      { actionId: 'talk_menu', value: 'details:one' },
      { actionId: 'share_talk', value: 'two' },
      { actionId: 'pick_topic', value: 'security' },
      { actionId: 'pick_topic', value: 'gpu' },
      { actionId: 'more_results', value: '{"c":"x","p":1}' },
    ]);
  });

  it('leaves buttons unnumbered where nobody presses them, and wraps rows at the given width', () => {
    const text = renderMessageAsText({ text: 'fallback', blocks }, { width: 20 });
    expect(text).toContain('[Details]\n');
    expect(text).toContain('[Security (3)]\n[GPU (1)]\n');
    expect(text).not.toMatch(/\[\d+\]/);
  });
});
