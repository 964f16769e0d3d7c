// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable, Transform, pipeline } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { BlobNotFoundError } from "./blob-store";
import type { BlobStore, ByteRange, StoreHealth, StoredBlob } from "./blob-store";
import { assertValidBlobKey } from "./keys";

// The blob store on S3-compatible object storage (AWS S3, MinIO, Ceph, ...), for installations
// that keep images off the application server. Bodies stream through in parts (lib-storage's
// multipart upload), so a large image is never held whole in memory.

export type S3Settings = {
  bucket: string;
  region: string;
  /** Unset for AWS itself; the server's address for other S3-compatible stores. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket in the path (http://host/bucket/key), as most S3-compatible servers need. */
  forcePathStyle: boolean;
};

const PART_BYTES = 8 * 1024 * 1024;

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    });
  }

  async put(key: string, body: Readable | Uint8Array): Promise<StoredBlob> {
    assertValidBlobKey(key);
    const hash = createHash("sha256");
    let bytes = 0;
    const measured = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        bytes += chunk.length;
        callback(null, chunk);
      },
    });
    // pipeline, not pipe: a failing source must fail the upload, not leave it waiting forever.
    pipeline(body instanceof Uint8Array ? Readable.from([body]) : body, measured, () => {
      // Errors reach the upload through `measured`.
    });
    // A failed multipart upload is aborted by lib-storage: no partial object is left under the key.
    await new Upload({ client: this.client, params: { Bucket: this.settings.bucket, Key: key, Body: measured }, partSize: PART_BYTES, queueSize: 2 }).done();
    return { bytes, sha256: hash.digest("hex") };
  }

  async putFile(key: string, path: string): Promise<void> {
    // Content-addressed keys: an object already there holds the same bytes.
    if (await this.exists(key)) return;
    await this.put(key, createReadStream(path, { highWaterMark: 1024 * 1024 }));
  }

  async putBytes(key: string, bytes: Uint8Array): Promise<void> {
    if (await this.exists(key)) return;
    await this.put(key, bytes);
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertValidBlobKey(key);
    if (range && range.end <= range.start) return Readable.from([]);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end - 1}` : undefined }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertValidBlobKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
      return { ok: true };
    } catch (error) {
      const why = error instanceof S3ServiceException ? `${error.name} (HTTP ${error.$metadata.httpStatusCode ?? "?"})` : String(error);
      return { ok: false, reason: `S3 bucket ${this.settings.bucket} is not reachable: ${why}` };
    }
  }

  close(): void {
    this.client.destroy();
  }
}
