import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';

/** URL buttons (Watch, the article) open in the browser, but Slack still expects an ack or shows a warning. */
export function linkButton(_deps: ListenerDeps) {
  return async ({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
  };
}
