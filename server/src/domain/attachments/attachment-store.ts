import mongoose, { Types } from 'mongoose';
import { notFound } from '../app-error';

export interface StoredFileMeta {
  sessionId: string;
  name: string;
  type: string;
  size: number;
}

/**
 * File bytes in MongoDB GridFS (bucket `attachments`), so every server process — and the
 * embedded engine — shares them without a shared disk. Metadata rides on the GridFS file.
 */
export class AttachmentStore {
  private bucket(): mongoose.mongo.GridFSBucket {
    const db = mongoose.connection.db;
    if (!db) throw new Error('the database is not connected');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: 'attachments' });
  }

  async put(meta: StoredFileMeta, bytes: Buffer): Promise<string> {
    const id = new Types.ObjectId();
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket().openUploadStreamWithId(id, meta.name, { metadata: meta });
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(bytes);
    });
    return id.toHexString();
  }

  async meta(id: string): Promise<StoredFileMeta> {
    if (!Types.ObjectId.isValid(id)) throw notFound('attachment');
    const [file] = await this.bucket().find({ _id: new Types.ObjectId(id) }).limit(1).toArray();
    if (!file?.metadata) throw notFound('attachment');
    return file.metadata as StoredFileMeta;
  }

  /** Deletes every file of these sessions; resolves with how many. */
  async deleteForSessions(sessionIds: string[]): Promise<number> {
    const bucket = this.bucket();
    const files = await bucket.find({ 'metadata.sessionId': { $in: sessionIds } }).toArray();
    for (const file of files) await bucket.delete(file._id);
    return files.length;
  }

  async read(id: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket().openDownloadStream(new Types.ObjectId(id))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
