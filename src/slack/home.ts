import type { WebClient } from '@slack/web-api';
import { type NextDigest, renderHome } from '../blocks/home.ts';
import type { Answer, Bot } from '../bot/answer.ts';
import type { PersonalStatus } from '../digest/personal-commands.ts';
import type { Logger } from '../log/logger.ts';
import type { ListenerDeps } from './deps.ts';

/**
 * Publishes a user's Home tab, with `results` when a Browse button asked for talks: a Home
 * view has no response_url, so the answer lives in the view itself. Throws when Slack fails.
 */
export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string, results?: Answer): Promise<void> {
  const language = await deps.languages.forUser(userId);
  const digest = await nextDigest(deps.bot, deps.logger);
  const topics = deps.bot.answer({ kind: 'topics' }, 'topics');
  const personal = await personalStatus(deps, userId);
  const view = renderHome({
    language,
    catalogue: deps.bot.catalogue,
    topics: topics.kind === 'topics' ? topics.topics : [],
    digest,
    personal,
    results,
    // The featured talk changes on Mondays; the listeners get no clock, so this is the one place that reads it.
    now: new Date(),
  });
  await client.views.publish({ user_id: userId, view });
}

/** A digest that cannot say when it runs next must not cost the user their Home tab. */
async function nextDigest(bot: Bot, logger: Logger): Promise<NextDigest | undefined> {
  try {
    return await bot.nextDigest();
  } catch (error) {
    logger.warn('The digest could not tell its next run; the Home tab leaves it out', { error });
    return undefined;
  }
}

/** Likewise what the person follows: the rest of the tab is worth showing without it. */
async function personalStatus(deps: ListenerDeps, userId: string): Promise<PersonalStatus | undefined> {
  try {
    return await deps.bot.personal?.status(userId);
  } catch (error) {
    deps.logger.warn('Could not read what a person follows; the Home tab leaves it out', { error, user: userId });
    return undefined;
  }
}
