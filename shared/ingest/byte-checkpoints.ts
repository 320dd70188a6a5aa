import { createHash } from 'node:crypto';

export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

const STEP = 1 << 20;

/**
 * The SHA-256 of a file, and of each of its prefixes of a whole number of
 * MiB. The checking pass records them; a later pass over the same source
 * compares them as it reads, so it knows which bytes are still the ones that
 * were checked (and refuses the rest) without hashing anything per row.
 * Byte offsets, not the source's own pieces: an S3 stream may cut its
 * bytes differently each time it is read.
 */
export class ByteCheckpoints {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly digests: string[] = [];

  /** `expected`: what the checking pass recorded; a difference throws FileChangedError. */
  constructor(
    private readonly name: string,
    private readonly expected?: { digests: readonly string[]; bytes: number; sha256: string },
  ) {}

  update(b: Uint8Array): void {
    for (let at = 0; at < b.length;) {
      const take = Math.min(STEP - (this.bytes % STEP), b.length - at);
      this.hash.update(b.subarray(at, at + take));
      this.bytes += take;
      at += take;
      if (this.bytes % STEP === 0) {
        const digest = this.hash.copy().digest('hex');
        if (this.expected && this.expected.digests[this.digests.length] !== digest) this.changed();
        this.digests.push(digest);
      }
    }
  }

  /** Bytes known to be those the checking pass read. */
  get verified(): number {
    return this.digests.length * STEP;
  }

  /** At the end of the source: what a later pass expects, having compared the whole file. */
  finish(): { digests: readonly string[]; bytes: number; sha256: string } {
    const sha256 = this.hash.digest('hex');
    if (this.expected && (this.expected.bytes !== this.bytes || this.expected.sha256 !== sha256))
      this.changed();
    return { digests: this.digests, bytes: this.bytes, sha256 };
  }

  private changed(): never {
    throw new FileChangedError(`${this.name} changed while being ingested; ingest it again`);
  }
}
