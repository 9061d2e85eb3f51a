import { createHash } from "node:crypto";
import { posix } from "node:path";
import SftpClient from "ssh2-sftp-client";
import type { Readable } from "node:stream";
import type { ClearinghouseConnection, OutboundFile, SftpSecret, SftpSettings } from "../clearinghouse/index.ts";

/**
 * The SFTP clearinghouse connection. Uploads are atomic (`<name>.part`, then renamed), inbound
 * files are listed, then streamed one at a time and, once taken, moved to the archive folder or
 * deleted, one at a time. Only the workers load this module (ssh2 and its crypto stay out of the
 * API's bundle): they hand `openSftp` to the clearinghouse module with `useSftp`. Errors name
 * host:port and the cause; the password, passphrase and private key never appear in them.
 */

const PART = ".part";

/** The SHA256 fingerprint of an SSH public key blob as `ssh-keygen -l` prints it: `SHA256:<base64, unpadded>`. */
export function sshFingerprint(publicKey: Buffer): string {
  return `SHA256:${createHash("sha256").update(publicKey).digest("base64").replace(/=+$/, "")}`;
}

function sameFingerprint(a: string, b: string): boolean {
  const norm = (f: string) =>
    f
      .trim()
      .replace(/^SHA256:/i, "")
      .replace(/=+$/, "");
  return norm(a) === norm(b);
}

/** A bare file name: no folders, no `..`, not hidden, not our temporary suffix. */
function checkName(name: string): string {
  if (
    !name ||
    name.includes("/") ||
    name.includes("\\") ||
    name.includes("..") ||
    name.includes("\0") ||
    name.startsWith(".") ||
    name.endsWith(PART)
  ) {
    throw new Error(
      `Invalid clearinghouse file name ${JSON.stringify(name)}: must be a plain file name (no "/", "..", leading "." or "${PART}" suffix)`,
    );
  }
  return name;
}

/** Removes anything secret from a message (whole values and each line of a key, in case a parser quotes one). */
function redact(message: string, secret: SftpSecret): string {
  const pieces = [secret.password, secret.passphrase, secret.privateKey, ...(secret.privateKey?.split(/\r?\n/) ?? [])]
    .map((p) => p?.trim())
    .filter((p): p is string => !!p && p.length >= 4 && !/^-----(BEGIN|END) /.test(p));
  let out = message;
  for (const p of pieces.sort((a, b) => b.length - a.length)) out = out.split(p).join("[redacted]");
  return out;
}

function causeOf(e: unknown): { message: string; code?: unknown } {
  if (e instanceof Error) return { message: e.message, code: (e as { code?: unknown }).code };
  return { message: String(e) };
}

export async function openSftp(settings: SftpSettings, secret: SftpSecret): Promise<ClearinghouseConnection> {
  const where = `${settings.host}:${settings.port}`;
  const fail = (what: string, e: unknown): Error => {
    const cause = causeOf(e);
    const err = new Error(`SFTP ${what} ${where} failed: ${redact(cause.message, secret)}`);
    return cause.code === undefined ? err : Object.assign(err, { code: cause.code });
  };

  if (!secret.password && !secret.privateKey) {
    throw new Error(`SFTP connection to ${where} failed: the secret has neither a password nor a private key`);
  }

  let seenKey: string | undefined;
  const expected = settings.hostKeySha256;
  const client = new SftpClient();
  try {
    await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      ...(secret.password ? { password: secret.password } : {}),
      ...(secret.privateKey ? { privateKey: secret.privateKey } : {}),
      ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
      readyTimeout: 20_000,
      ...(expected
        ? {
            hostVerifier: (key: Buffer): boolean => {
              seenKey = sshFingerprint(key);
              return sameFingerprint(seenKey, expected);
            },
          }
        : {}),
    });
  } catch (e) {
    await client.end().catch(() => undefined);
    if (expected && seenKey && !sameFingerprint(seenKey, expected)) {
      throw new Error(
        `SFTP connection to ${where} refused: the server's host key ${seenKey} does not match the expected ${expected}`,
      );
    }
    throw fail("connection to", e);
  }

  const outbound = (name: string) => posix.join(settings.outboundDir, name);
  const inbound = (name: string) => posix.join(settings.inboundDir, name);

  return {
    async submit(file: OutboundFile) {
      const target = outbound(checkName(file.name));
      const part = target + PART;
      try {
        await client.put(Buffer.from(file.content, "utf8"), part);
      } catch (e) {
        await client.delete(part, true).catch(() => undefined);
        throw fail(`upload of ${file.name} to`, e);
      }
      try {
        // SFTP rename does not overwrite: a waiting file with the same name is never replaced.
        await client.rename(part, target);
      } catch (e) {
        await client.delete(part, true).catch(() => undefined);
        const exists = await client.exists(target).catch(() => false);
        if (exists)
          throw new Error(`SFTP upload to ${where} refused: ${file.name} already exists in ${settings.outboundDir}`);
        throw fail(`rename of ${file.name} on`, e);
      }
    },

    async listInbound(): Promise<string[]> {
      try {
        const entries = await client.list(settings.inboundDir);
        return entries
          .filter((f) => f.type === "-" && !f.name.startsWith(".") && !f.name.endsWith(PART))
          .map((f) => f.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (e) {
        throw fail(`listing of ${settings.inboundDir} on`, e);
      }
    },

    async fetchInbound(name: string): Promise<Readable> {
      const path = inbound(checkName(name));
      try {
        // Opened first, so a missing or unreadable file fails here rather than mid-stream.
        await client.stat(path);
        return client.createReadStream(path, { autoClose: true });
      } catch (e) {
        throw fail(`download of ${name} from`, e);
      }
    },

    async acknowledge(name: string) {
      checkName(name);
      const archive = settings.archiveDir;
      try {
        if (!archive) {
          await client.delete(inbound(name), true);
          return;
        }
        if (!(await client.exists(archive))) await client.mkdir(archive, true);
        // Already taken (a retried acknowledge): nothing to do.
        if (!(await client.exists(inbound(name)))) return;
        let target = posix.join(archive, name);
        if (await client.exists(target)) target = `${target}.${new Date().toISOString().replace(/[:.]/g, "")}`;
        await client.rename(inbound(name), target);
      } catch (e) {
        throw fail(`acknowledging ${name} on`, e);
      }
    },

    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
