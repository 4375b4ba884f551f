import type { AllMiddlewareArgs, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Language } from '../../../catalogue/vocabulary.ts';
import type { Logger } from '../../../log/logger.ts';
import type { ListenerDeps } from '../../deps.ts';
import { type BlockActions, BlockActionsSchema, invalidFields } from '../../payloads.ts';
import { apology } from '../../reply.ts';

/** The clicked button's payload, or undefined (logged) when it lacks a field the bot relies on. */
export function parseAction(body: unknown, log: Logger): BlockActions | undefined {
  const parsed = BlockActionsSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  log.warn('Ignored an invalid button click', { fields: invalidFields(parsed.error) });
  return undefined;
}

export function clickedValue(payload: BlockActions): string {
  return payload.actions[0]?.value ?? '';
}

/**
 * The message a button sits on (its conversation and ts): what makes two clicks one. Not the
 * response_url or action_ts, which differ on each click of a double click.
 */
export function clickedMessage(payload: BlockActions): string {
  return `${payload.channel?.id ?? payload.view?.id ?? ''}:${payload.container.message_ts ?? ''}`;
}

export function isHomeTab(payload: BlockActions): boolean {
  return payload.view?.type === 'home';
}

/** A short apology next to the message the user clicked in, never replacing it. */
export async function apologise(respond: RespondFn, language: Language, log: Logger): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, ...apology(language) });
  } catch (error) {
    log.warn('Could not apologise either', { error });
  }
}

export type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

/** A button listener: acked at once, then `handle` runs with the checked payload; an invalid one is logged and dropped. */
export function buttonListener(
  name: string,
  handle: (deps: ListenerDeps, payload: BlockActions, args: ActionArgs, log: Logger) => Promise<void>,
) {
  return (deps: ListenerDeps) => {
    const log = deps.logger.child({ listener: name });
    return async (args: ActionArgs): Promise<void> => {
      await args.ack();
      const payload = parseAction(args.body, log);
      if (payload === undefined) return;
      deps.languages.prefetch(payload.user.id);
      deps.answerLater(() => handle(deps, payload, args, log));
    };
  };
}
