import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * An S3 client configured from the environment. The endpoint comes from the
 * SDK's AWS_ENDPOINT_URL_S3, and the checksum behaviour from its
 * AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION (the
 * local stack sets both to WHEN_REQUIRED: with the default, s3rver stores
 * streamed bodies with their aws-chunked framing). The SDK has no standard
 * variable for path-style addressing, which s3rver needs (it cannot resolve
 * bucket.127.0.0.1 host names), hence PUBLIBAC_S3_FORCE_PATH_STYLE.
 */
export function createS3Client(
  config: S3ClientConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): S3Client {
  return new S3Client({ forcePathStyle: env.PUBLIBAC_S3_FORCE_PATH_STYLE === 'true', ...config });
}

let shared: S3Client | undefined;

/** The process's client, created on first use and then reused. */
export function s3Client(): S3Client {
  shared ??= createS3Client();
  return shared;
}
