// The forms' HMAC key: FORM_SECRET, or one generated at first start and kept in the data directory,
// so restarts and every worker agree. Each use (form tokens, links) signs with a key of its own.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'form-secret';

/**
 * Reads the kept secret, or creates it. The file is written under a temporary name and then
 * hard-linked into place, which fails if another worker got there first: nobody ever reads half a key.
 */
export function loadFormSecret(configured: string, dataDir: string): Buffer {
  if (configured !== '') return Buffer.from(configured, 'utf8');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRET_FILE);
  const read = () => Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  if (fs.existsSync(file)) return checked(read(), file);
  const temporary = `${file}.${process.pid}.${crypto.randomUUID()}`;
  fs.writeFileSync(temporary, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return checked(read(), file);
}

function checked(secret: Buffer, file: string): Buffer {
  if (secret.length < 32) throw new Error(`${file} does not hold a 64-digit hex key; delete it to make a new one`);
  return secret;
}

export interface Signer {
  /** A base64url HMAC of `data`, 32 characters (192 bits). */
  sign(data: string): string;
  /** Constant-time check of a signature made by `sign`. */
  verify(data: string, signature: string): boolean;
}

/** A signer whose key is derived from the secret and `purpose`, so a signature for one use is void for another. */
export function signer(secret: Buffer, purpose: string): Signer {
  const key = crypto.createHmac('sha256', secret).update(`corporate-site forms: ${purpose}`).digest();
  const sign = (data: string) => crypto.createHmac('sha256', key).update(data).digest('base64url').slice(0, 32);
  return {
    sign,
    verify(data, signature) {
      const expected = Buffer.from(sign(data));
      const given = Buffer.from(signature);
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    },
  };
}
