// Where the bytes of uploaded files live. The database keeps only a key; an S3-compatible store can implement the
// same interface later and be chosen in fileStorage() without touching the callers.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { defaultDataDir } from "~db/index";

export type StoredObject = { size: number; sha256: string };
export type PutBody = Uint8Array | AsyncIterable<Uint8Array>;

export interface FileStorage {
  /** Stores the bytes under the key; nothing is visible under the key unless every byte was written. */
  put(key: string, body: PutBody): Promise<StoredObject>;
  /** The stored bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Readable | undefined>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** A fresh random key with two levels of sharding folders (never derived from the user's file name). */
export function newStorageKey(): string {
  const id = crypto.randomBytes(16).toString("hex");
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** Files on the local disk under one root folder; writes go to root/.tmp and are renamed into place. */
export function createLocalDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const tmp = path.join(base, ".tmp");

  // Keys come from newStorageKey(); anything else (a path, "..") is refused rather than resolved.
  const fileOf = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(base, ...key.split("/"));
  };

  return {
    async put(key, body) {
      const target = fileOf(key);
      await fs.promises.mkdir(tmp, { recursive: true });
      const temp = path.join(tmp, `${crypto.randomBytes(12).toString("hex")}.part`);
      const hash = crypto.createHash("sha256");
      let size = 0;
      try {
        const file = await fs.promises.open(temp, "wx", 0o640);
        try {
          for await (const chunk of body instanceof Uint8Array ? [body] : body) {
            size += chunk.byteLength;
            hash.update(chunk);
            for (let done = 0; done < chunk.byteLength;) {
              done += (await file.write(chunk, done, chunk.byteLength - done)).bytesWritten;
            }
          }
          await file.sync();
        } finally {
          await file.close();
        }
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
      return { size, sha256: hash.digest("hex") };
    },

    async get(key) {
      try {
        const handle = await fs.promises.open(fileOf(key), "r");
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },

    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}

/**
 * The files folder: FILES_DIR when set; beside the embedded database otherwise (DATA_DIR=./data/pglite gives
 * ./data/files); ./data/files when DATABASE_URL points at PostgreSQL.
 */
export function filesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FILES_DIR) return path.resolve(env.FILES_DIR);
  if (env.DATABASE_URL) return path.resolve("./data/files");
  return path.join(path.dirname(defaultDataDir()), "files");
}

let current: { dir: string; storage: FileStorage } | undefined;

/** The process's file storage, chosen from the environment here and nowhere else. */
export function fileStorage(): FileStorage {
  const dir = filesDir();
  if (current?.dir !== dir) current = { dir, storage: createLocalDiskStorage(dir) };
  return current.storage;
}
