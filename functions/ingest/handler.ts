import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { z } from 'zod';
import { s3ObjectSource } from '../../shared/adapters/s3/object-source.js';
import { formatIssue, IngestRejectedError } from '../../shared/ingest/ingest-issue.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import type { DecisionStore } from '../../shared/ports/decision-store.port.js';
import { FUNCTION_NEEDS, functionContext } from '../context.js';
import { logInfo, logger } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { INCOMING_PREFIX, REPORTS_PREFIX } from '../../shared/contracts/ingest-bucket.js';

// The S3 ObjectCreated notification: Powertools' maintained schema of the S3 event, narrowed to
// object
// creations (the only notification the bucket sends us) and to at least one record.
export const S3NotificationSchema = S3Schema.extend({
  Records: z
    .array(
      S3Schema.shape.Records.element.extend({ eventName: z.string().startsWith('ObjectCreated:') }),
    )
    .min(1),
});
export type S3Notification = z.infer<typeof S3NotificationSchema>;

export type IngestOutcome =
  | {
      key: string;
      status: 'ingested';
      rows: number;
      new: number;
      superseded: number;
      unchanged: number;
      report: string;
    }
  | { key: string; status: 'rejected'; issues: number; report: string };

/** Keys arrive URL-encoded, spaces as '+'. */
export const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * Ingests each file created: a rejected file is a normal outcome (reported
 * next to it, nothing written, no retry); any other failure throws, so that
 * Lambda's asynchronous retries try again (ingest is idempotent).
 */
export async function ingestObjects(
  event: S3Notification,
  deps: { s3: S3Client; store: DecisionStore },
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    const report = `${REPORTS_PREFIX}${key.slice(INCOMING_PREFIX.length)}.txt`;
    const source = await s3ObjectSource(deps.s3, bucket, key);
    try {
      const s = await ingestDecisions({ store: deps.store, clock: systemClock }, source);
      await writeReport(deps.s3, bucket, report, JSON.stringify(s, null, 2));
      logInfo('ingested', {
        file: source.name,
        rows: s.rows,
        candidates: s.candidates,
        new: s.new,
        superseded: s.superseded,
        unchanged: s.unchanged,
      });
      outcomes.push({
        key,
        status: 'ingested',
        rows: s.rows,
        new: s.new,
        superseded: s.superseded,
        unchanged: s.unchanged,
        report,
      });
    } catch (err) {
      if (!(err instanceof IngestRejectedError)) throw err;
      // The report names values (it may show a name): it stays in the private ingest bucket, beside
      // the file; the log has counts only.
      await writeReport(
        deps.s3,
        bucket,
        report,
        [...err.issues.map((i) => formatIssue(err.file, i)), err.message].join('\n'),
      );
      logInfo('rejected', { file: source.name, issues: err.totalIssues });
      outcomes.push({ key, status: 'rejected', issues: err.totalIssues, report });
    }
  }
  return outcomes;
}

async function writeReport(s3: S3Client, bucket: string, key: string, body: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'text/plain; charset=utf-8',
    }),
  );
}

const context = functionContext(FUNCTION_NEEDS.ingest);

export const handler = middy<S3Event, IngestOutcome[]>()
  // Request id and cold start in every log line.
  .use(injectLambdaContext(logger))
  .handler((event) => {
    const { deps, clients } = context();
    return ingestObjects(parseEvent(S3NotificationSchema, event), {
      s3: clients.s3,
      store: deps.decisions,
    });
  });
