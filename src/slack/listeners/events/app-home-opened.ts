import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { answerEventOnce } from '../../event-once.ts';
import { publishHome } from '../../home.ts';
import { AppHomeOpenedSchema, invalidFields } from '../../payloads.ts';

/** Opening the Home tab publishes it afresh, so it always shows the current catalogue and digest. */
export function appHomeOpened(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'app_home_opened' });
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const opened = AppHomeOpenedSchema.safeParse(event);
    if (!opened.success) {
      log.warn('Ignored an invalid app_home_opened event', { fields: invalidFields(opened.error) });
      return;
    }
    // The Messages tab (direct messages) sends this event too; it has nothing to publish.
    if (opened.data.tab !== 'home') return;
    answerEventOnce(deps, body, context.retryNum, log, async ({ log: eventLog }) => {
      try {
        await publishHome(deps, client, opened.data.user);
        return true;
      } catch (error) {
        eventLog.error('Could not publish the Home tab', { error, user: opened.data.user });
        return false;
      }
    });
  };
}
