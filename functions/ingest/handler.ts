import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { dynamoDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoDecisionStore } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { s3Client } from '../../shared/adapters/s3/client.js';
import { s3ObjectSource } from '../../shared/adapters/s3/object-source.js';
import { loadConfig } from '../../shared/config.js';
import { formatIssue, IngestRejectedError } from '../../shared/ingest/ingest-issue.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import type { DecisionStore } from '../../shared/ports/decision-store.port.js';
import { logInfo } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { INCOMING_PREFIX, REPORTS_PREFIX } from './prefixes.js';


// The S3 ObjectCreated notification, reduced to what is used.
export const S3NotificationSchema = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:s3'),
        eventName: z.string().startsWith('ObjectCreated:'),
        s3: z.object({ bucket: z.object({ name: z.string().min(1) }), object: z.object({ key: z.string().min(1), size: z.number().int().nonnegative().optional() }) }),
      }),
    )
    .min(1),
});
export type S3Notification = z.infer<typeof S3NotificationSchema>;

export type IngestOutcome =
  | { key: string; status: 'ingested'; rows: number; new: number; superseded: number; unchanged: number; report: string }
  | { key: string; status: 'rejected'; issues: number; report: string };

/** Keys arrive URL-encoded, spaces as '+'. */
export const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * Ingests each file created: a rejected file is a normal outcome (reported
 * next to it, nothing written, no retry); any other failure throws, so that
 * Lambda's asynchronous retries try again (ingest is idempotent).
 */
export async function ingestObjects(event: S3Notification, deps: { s3: S3Client; store: DecisionStore }): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    const report = `${REPORTS_PREFIX}${key.slice(INCOMING_PREFIX.length)}.txt`;
    const source = await s3ObjectSource(deps.s3, bucket, key);
    try {
      const s = await ingestDecisions({ store: deps.store, clock: systemClock }, source);
      await writeReport(deps.s3, bucket, report, JSON.stringify(s, null, 2));
      logInfo('ingested', { file: source.name, rows: s.rows, candidates: s.candidates, new: s.new, superseded: s.superseded, unchanged: s.unchanged });
      outcomes.push({ key, status: 'ingested', rows: s.rows, new: s.new, superseded: s.superseded, unchanged: s.unchanged, report });
    } catch (err) {
      if (!(err instanceof IngestRejectedError)) throw err;
      // The report names values (it may show a name): it stays in the private ingest bucket, beside the file; the log has counts only.
      await writeReport(deps.s3, bucket, report, [...err.issues.map((i) => formatIssue(err.file, i)), err.message].join('\n'));
      logInfo('rejected', { file: source.name, issues: err.totalIssues });
      outcomes.push({ key, status: 'rejected', issues: err.totalIssues, report });
    }
  }
  return outcomes;
}

async function writeReport(s3: S3Client, bucket: string, key: string, body: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
}

let deps: { s3: S3Client; store: DecisionStore } | undefined;
/** Built on first use and kept: a warm Lambda reuses its clients (configuration is read once, failing loudly). */
const ingestDeps = () => (deps ??= { s3: s3Client(), store: new DynamoDecisionStore({ client: dynamoDocumentClient(), tableName: loadConfig().tables.decisions }) });

export const handler = middy<S3Event, IngestOutcome[]>().handler((event) => ingestObjects(parseEvent(S3NotificationSchema, event), ingestDeps()));
