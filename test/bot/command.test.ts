import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/command.ts';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['Aide', { kind: 'help' }],
    ['topics', { kind: 'topics' }],
    ['thèmes', { kind: 'topics' }],
    ['topic security', { kind: 'topic', name: 'security' }],
    ['sujet  sécurité', { kind: 'topic', name: 'sécurité' }],
    ['random', { kind: 'random' }],
    ['au hasard', { kind: 'random' }],
    ['edition 2024', { kind: 'edition', year: '2024' }],
    ['edition paris 2023', { kind: 'edition', year: 'paris 2023' }],
    ['radar', { kind: 'radar', subject: undefined }],
    ['takeaways', { kind: 'takeaways', year: undefined }],
    ['bilan 2022', { kind: 'takeaways', year: '2022' }],
    ['digest subscribe', { kind: 'digest', action: 'subscribe' }],
    ['digest', { kind: 'digest', action: 'status' }],
    ['digest aperçu', { kind: 'digest', action: 'preview' }],
    ['follow security, observability', { kind: 'follow', action: 'follow', names: 'security, observability' }],
    ['Follow Sécurité 🙏 pls', { kind: 'follow', action: 'follow', names: 'Sécurité' }],
    ['suivre coûts et sécurité', { kind: 'follow', action: 'follow', names: 'coûts et sécurité' }],
    ['follow', { kind: 'follow', action: 'following', names: '' }],
    ['unfollow security', { kind: 'follow', action: 'unfollow', names: 'security' }],
    ['ne plus suivre sécurité', { kind: 'follow', action: 'unfollow', names: 'sécurité' }],
    ['arrêter de suivre FinOps', { kind: 'follow', action: 'unfollow', names: 'FinOps' }],
    ['stop following security', { kind: 'follow', action: 'unfollow', names: 'security' }],
    ['follow: security', { kind: 'follow', action: 'follow', names: 'security' }],
    ['suivre : sécurité', { kind: 'follow', action: 'follow', names: 'sécurité' }],
    ['follow :lock: security', { kind: 'follow', action: 'follow', names: 'security' }],
    ['can you follow security for me', { kind: 'follow', action: 'follow', names: 'security for me' }],
    ['i want to follow security', { kind: 'follow', action: 'follow', names: 'security' }],
    ['je veux suivre la sécurité', { kind: 'follow', action: 'follow', names: 'la sécurité' }],
    ['also follow security', { kind: 'follow', action: 'follow', names: 'security' }],
    ['follow <#C999|security>', { kind: 'follow', action: 'follow', names: 'security' }],
    ['mes thèmes', { kind: 'follow', action: 'following', names: '' }],
    ['my topics', { kind: 'follow', action: 'following', names: '' }],
    ['what am i following?', { kind: 'follow', action: 'following', names: '' }],
    ['snooze', { kind: 'follow', action: 'snooze', names: '' }],
    ['reprendre', { kind: 'follow', action: 'resume', names: '' }],
    ['following', { kind: 'follow', action: 'following', names: '' }],
    ['mes sujets', { kind: 'follow', action: 'following', names: '' }],
  ])('reads %j as a subcommand', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    'ephemeral containers',
    'topics about costs',
    'help me debug a pod',
    'digest of costs',
    'random thoughts on chaos',
    'following kubernetes',
    'resume writing',
  ])('treats %j as a query, never as an error', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'search', query: text });
  });
});
