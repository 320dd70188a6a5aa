import type {
  EdgeRequest,
  EdgeResponse,
  ViewerRequestEvent,
  ViewerRequestHandler,
} from '../../../shared/local/local-cdn.js';

/** A GET of `uri` as CloudFront hands it to the viewer-request function. */
export const viewerEvent = (uri: string): ViewerRequestEvent => ({
  version: '1.0',
  context: {
    distributionDomainName: 'localhost',
    distributionId: 'TEST',
    eventType: 'viewer-request',
    requestId: 'r',
  },
  viewer: { ip: '127.0.0.1' },
  request: {
    method: 'GET',
    uri,
    querystring: {},
    headers: { host: { value: 'localhost' } },
    cookies: {},
  },
});

/** The rewritten URI, or the status of the response the function generated. */
export async function routeOf(
  handler: ViewerRequestHandler,
  uri: string,
): Promise<string | number> {
  const result: EdgeRequest | EdgeResponse = await handler(viewerEvent(uri));
  return 'statusCode' in result ? result.statusCode : result.uri;
}
