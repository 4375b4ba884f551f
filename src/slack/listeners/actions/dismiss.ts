import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';
import { isHomeTab, parseAction } from './action-payload.ts';

/** "Dismiss": deletes the ephemeral preview; in the Home tab, clears the results. */
export function dismiss(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'dismiss' });
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parseAction(body, log);
    if (payload === undefined) return;
    try {
      if (isHomeTab(payload)) {
        await publishHome(deps, client, payload.user.id);
      } else if (payload.response_url !== undefined) {
        await respond({ delete_original: true });
      }
    } catch (error) {
      log.error('Could not dismiss', { error, user: payload.user.id });
    }
  };
}
