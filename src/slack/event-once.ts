import type { Logger } from '../log/logger.ts';
import { eventKey } from './dedupe.ts';
import type { ListenerDeps } from './deps.ts';
import { EventEnvelopeSchema, invalidFields } from './payloads.ts';

/**
 * Runs `work` for one Events API delivery unless Slack already had an answer for this event:
 * Bolt acks events before any listener runs, so Slack retries only what never reached us,
 * and a retry of an event we answered must not answer twice.
 */
export function answerEventOnce(
  deps: ListenerDeps,
  body: unknown,
  retryNum: number | undefined,
  log: Logger,
  work: (delivery: { readonly teamId: string; readonly log: Logger }) => Promise<boolean>,
): void {
  const envelope = EventEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    log.warn('Ignored an event with an invalid envelope', { fields: invalidFields(envelope.error) });
    return;
  }
  const { team_id: team, event_id: event } = envelope.data;
  const eventLog = log.child({ team, event });
  deps.answerLater(async () => {
    const outcome = await deps.events.once(eventKey(team, event), () => work({ teamId: team, log: eventLog }));
    if (outcome === 'duplicate') eventLog.info('Ignored a retry of an event already answered', { retryNum });
  });
}
