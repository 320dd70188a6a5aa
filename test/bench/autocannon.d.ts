// The part of autocannon 8 the load benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Request {
    method?: string;
    path: string;
    /** Called as each request is sent; `context` is the connection's (one request in flight). */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    requests?: Request[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  /** The run: awaited for its result, and an emitter of each failed request. */
  interface Job extends PromiseLike<Result> {
    on(event: 'reqError', listener: (error: Error & { code?: string }) => void): this;
  }
  function autocannon(options: Options): Job;
  export default autocannon;
}
