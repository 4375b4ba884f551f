import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.ts';
import { createMetrics, type RequestOutcome } from '../../src/metrics/metrics.ts';
import { createAnswerQueue } from '../../src/slack/answer-queue.ts';
import { failureMarkingLogger, followAnswer, inThisRequest, measureRequest } from '../../src/slack/request-metrics.ts';

const silent: Logger = { level: 'error', debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

describe('request metrics under concurrent requests', () => {
  it('counts each request by its own answer, whichever request started the queue', async () => {
    const metrics = createMetrics();
    const outcomes: RequestOutcome[] = [];
    const recording = { ...metrics, request: (_kind: unknown, outcome: RequestOutcome) => outcomes.push(outcome) } as typeof metrics;
    const logger = failureMarkingLogger(silent);
    // One slot, so the queue's pump runs the later answers from the first request's turn.
    const queue = createAnswerQueue({ concurrency: 1 });
    const request = (fails: boolean) =>
      measureRequest(recording, { command: '/kubecon' }, async () => {
        followAnswer(
          // As app.ts's answerLater queues an answer.
          queue.run(
            inThisRequest(async () => {
              if (fails) logger.error('Could not answer');
            }),
          ),
        );
      });

    await Promise.all([request(false), request(true), request(false)]);
    await queue.idle();
    await new Promise((resolve) => setImmediate(resolve));

    expect(outcomes.sort()).toEqual(['error', 'ok', 'ok']);
  });
});
