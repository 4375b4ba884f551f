import { describe, expect, it } from 'vitest';
import { commandTextFromMessage } from '../../src/slack/mention-text.ts';

describe('command text of a mention or a direct message', () => {
  it.each([
    ['<@UBOT> what about prometheus?', 'prometheus'],
    ['<@UBOT> hey, topics please', 'topics'],
    ['<@UBOT>: help', 'help'],
    ['<@UBOT>', ''],
    ['<@UBOT> ?', ''],
    ['salut <@UBOT> et karpenter ?', 'karpenter'],
    ['<@UBOT> edition 2024', 'edition 2024'],
    ['<@UBOT|kubecon> random', 'random'],
    ['debug a pod', 'debug a pod'],
    ['<@UBOT> ask <@U123> about &lt;b&gt; &amp; co', 'ask <@U123> about <b> & co'],
  ])('%j -> %j', (text, command) => {
    expect(commandTextFromMessage(text, 'UBOT')).toBe(command);
  });

  it('strips a leading mention when the bot user id is not known yet', () => {
    expect(commandTextFromMessage('<@UOTHER> topics', undefined)).toBe('topics');
  });
});
