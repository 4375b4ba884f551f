import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAnswer } from '../../src/blocks/answer.ts';
import { renderHome } from '../../src/blocks/home.ts';
import { ACTIONS } from '../../src/blocks/ids.ts';
import { messages } from '../../src/blocks/messages.ts';
import { renderPersonalDigest, renderPersonalHome } from '../../src/blocks/personal.ts';
import { renderSharedTalk } from '../../src/blocks/share.ts';
import { type Bot, createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { actionListeners, isHandled } from '../../src/slack/listeners/actions/index.ts';
import { handled } from '../../src/slack/listeners/index.ts';
import { slackCatalogueDir } from './fixture-catalogue.ts';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifestText = readFileSync(path.join(PROJECT_ROOT, 'manifest.yml'), 'utf8');
const manifest = parse(manifestText) as Manifest;

/**
 * The scopes each event, command and Web API method needs (Slack's docs): public and
 * private channels have one each. An entry missing here fails the test.
 */
const SCOPES: Record<string, string[]> = {
  'event:app_mention': ['app_mentions:read'],
  'event:message.im': ['im:history'],
  'event:app_home_opened': [],
  commands: ['commands'],
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'users.info': ['users:read'],
  'views.publish': [],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.open': ['im:write'],
};

/** Every Web API method the source calls, as `client.chat.postMessage(` or `.users.info(`. */
function webApiMethods(): string[] {
  const files = readdirSync(path.join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const methods = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join(PROJECT_ROOT, 'src', file), 'utf8');
    for (const match of source.matchAll(/\.(auth|chat|users|views|conversations|apps|reactions|team)\.(\w+)\(/g))
      methods.add(`${match[1]}.${match[2]}`);
  }
  return [...methods].sort();
}

describe('manifest.yml and the code agree', () => {
  it('declares exactly the slash commands the code handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...handled.commands].sort());
  });

  it('declares exactly the shortcuts the code handles, each a message shortcut', () => {
    const shortcuts = (manifest.features as { shortcuts?: { callback_id: string; type: string }[] }).shortcuts ?? [];
    expect(shortcuts.map((s) => s.callback_id).sort()).toEqual([...handled.shortcuts].sort());
    for (const shortcut of shortcuts) expect(shortcut.type).toBe('message');
  });

  it('subscribes to exactly the bot events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...handled.events].sort());
  });

  it('turns on what the listeners rely on: interactivity, the Home and Messages tabs, Socket Mode', () => {
    expect(handled.actions.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for exactly the scopes the handled events and the called Web API methods need', () => {
    const needs = [...handled.events.map((event) => `event:${event}`), 'commands', ...webApiMethods()];
    const unknown = needs.filter((need) => !(need in SCOPES));
    expect(unknown, 'add the scope these need to SCOPES (and manifest.yml)').toEqual([]);
    const required = new Set(needs.flatMap((need) => SCOPES[need] ?? []));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...required].sort());
  });

  it('lists every subcommand in the slash command’s usage hint and in /kubecon help, in both languages', () => {
    const hint = manifest.features.slash_commands[0] as { usage_hint?: string };
    for (const word of ['topics', 'topic', 'random', 'edition', 'takeaways', 'radar', 'digest', 'follow', 'unfollow', 'following']) {
      expect(hint.usage_hint, word).toMatch(new RegExp(`(^|[ |])${word}( |$)`));
      for (const language of ['en', 'fr'] as const)
        expect(
          messages(language).help.commands.some(([command]) => command.includes(`/kubecon ${word}`)) ||
            messages(language).help.commands.some(([, meaning]) => meaning.includes(`/kubecon ${word}`)),
          `${word} (${language})`,
        ).toBe(true);
    }
  });

  it('names no edition, by year or city: the manifest is static, and adding an edition to data/ must not make it wrong', async () => {
    const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
    expect(manifestText.match(/\b(?:19|20)\d\d\b/g) ?? []).toEqual([]);
    for (const { city } of catalogue.editions) expect(manifestText.toLowerCase()).not.toContain(city.toLowerCase());
  });

  it('handles every action id the code names, and every listener answers an action id the code names', () => {
    for (const id of Object.values(ACTIONS)) expect(isHandled(id), id).toBe(true);
    const named = Object.values(ACTIONS) as string[];
    for (const { actionId } of actionListeners) {
      expect(
        named.some((id) => (typeof actionId === 'string' ? id === actionId : actionId.test(`${id}:x`))),
        String(actionId),
      ).toBe(true);
    }
  });
});

describe('every button the builders emit has a listener', () => {
  let bot: Bot;
  beforeAll(async () => {
    // The fixture has what the real catalogue may lack at any time: a talk without video, more than a page of results.
    const catalogue = await loadCatalogue(slackCatalogueDir());
    bot = createBot({ catalogue, searcher: createSearcher(catalogue), random: () => 0.5 });
  });

  function actionIds(value: unknown): string[] {
    const found: string[] = [];
    JSON.stringify(value, (key, inner: unknown) => {
      if (key === 'action_id' && typeof inner === 'string') found.push(inner);
      return inner;
    });
    return found;
  }

  it('in answers, shared talks and the Home tab', () => {
    const emitted = new Set<string>();
    for (const text of [
      'help',
      'topics',
      'topic autoscaling',
      'random',
      'edition 2030',
      'takeaways',
      'karpenter',
      'autoscaling',
      'paella recipe',
    ]) {
      for (const ephemeral of [true, false]) {
        const message = renderAnswer(bot.answer(parseCommand(text), text, 0), { language: 'en', catalogue: bot.catalogue, ephemeral });
        for (const id of actionIds(message.blocks)) emitted.add(id);
      }
    }
    for (const talk of bot.catalogue.talks)
      for (const id of actionIds(renderSharedTalk(talk, { language: 'fr', catalogue: bot.catalogue, userId: 'U1' }).blocks))
        emitted.add(id);
    const topics = bot.answer({ kind: 'topics' }, 'topics');
    const home = renderHome({
      language: 'en',
      catalogue: bot.catalogue,
      topics: topics.kind === 'topics' ? topics.topics : [],
      digest: null,
      results: bot.answer(parseCommand('autoscaling'), 'autoscaling', 0),
      now: new Date('2030-05-06T07:30:00Z'),
    });
    for (const id of actionIds(home)) emitted.add(id);
    // A person's weekly DM, and their part of the Home tab, snoozed and not.
    const [talk] = bot.catalogue.talks;
    const [topic] = bot.catalogue.topics;
    for (const id of actionIds(renderPersonalDigest({ theme: topic!, talks: [talk!], followed: [topic!] }, 'en', bot.catalogue).blocks))
      emitted.add(id);
    const next = { at: new Date('2030-05-13T07:30:00Z'), timezone: 'Europe/Paris' };
    for (const snoozedUntil of [undefined, new Date('2030-06-01T00:00:00Z')])
      for (const id of actionIds(renderPersonalHome({ topics: [topic!.id], next, snoozedUntil }, 'en', bot.catalogue))) emitted.add(id);

    // All the kinds of button must be there, or this test checks less than it says.
    for (const base of Object.values(ACTIONS))
      expect(
        [...emitted].some((id) => id === base || id.startsWith(`${base}:`)),
        base,
      ).toBe(true);
    for (const id of emitted) expect(isHandled(id), id).toBe(true);
  });
});
