/** A file to read, possibly twice (check, then write): a local path or an S3 object. */
export interface ByteSource {
  /** Shown in reports; never a personal value. */
  name: string;
  /** Size in bytes, when known (drives progress). */
  size?: number;
  open(): AsyncIterable<Uint8Array>;
}

/** Where long operations report how far they are (a terminal bar, or nothing). */
export interface Progress {
  start(step: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };
