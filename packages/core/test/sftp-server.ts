import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Stats } from "node:fs";
import {
  link,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  type FileHandle,
} from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import ssh2 from "ssh2";
import type { AuthContext, AuthenticationType, Connection, FileEntry, ParsedKey, SFTPWrapper } from "ssh2";

const {
  Server,
  utils: {
    generateKeyPairSync,
    parseKey,
    sftp: { STATUS_CODE, flagsToString },
  },
} = ssh2;

/**
 * An SFTP server started in-process (the `ssh2` package's server side) for integration tests: a
 * real TCP listener on 127.0.0.1, its own generated host key, one user who logs in with either a
 * password or a generated client key (anything else is refused), and a temporary root folder. Paths
 * are the real absolute paths under `root` (no chroot); anything resolving outside it is refused.
 * Needs nothing but Node.
 */
export interface SftpServer {
  host: string;
  port: number;
  username: string;
  /** OpenSSH-format private key authorized for `username`. */
  privateKey: string;
  /** The password accepted for `username`. */
  password: string;
  /** The server's host key fingerprint as `ssh-keygen -lf` prints it. */
  hostKeySha256: string;
  /** Temporary folder (absolute, symlinks resolved) the server serves. */
  root: string;
  stop(): Promise<void>;
}

/**
 * An ed25519 key pair from `ssh2`'s generator. About one pair in 300 comes out with a 31-byte public
 * key (a leading zero byte dropped), which `ssh2`'s own parser then refuses as malformed; such a pair
 * is thrown away and drawn again, so the test server never starts with a key no client could read.
 */
function ed25519(comment?: string): { private: string; public: string } {
  for (;;) {
    const pair = generateKeyPairSync("ed25519", comment ? { comment } : {});
    if (!(parseKey(pair.public) instanceof Error) && !(parseKey(pair.private) instanceof Error)) return pair;
  }
}

function parse(key: string): ParsedKey {
  const parsed = parseKey(key);
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

const same = (input: Buffer, expected: Buffer) => input.length === expected.length && timingSafeEqual(input, expected);

function authenticate(ctx: AuthContext, username: string, password: string, clientKey: ParsedKey): void {
  const methods: AuthenticationType[] = ["publickey", "password"];
  if (!same(Buffer.from(ctx.username), Buffer.from(username))) return ctx.reject(methods);
  if (ctx.method === "password" && same(Buffer.from(ctx.password), Buffer.from(password))) return ctx.accept();
  if (ctx.method === "publickey" && ctx.key.algo === clientKey.type && same(ctx.key.data, clientKey.getPublicSSH())) {
    // Without a signature the client only asks whether the key would do; with one, it must verify.
    if (!ctx.signature || !ctx.blob || clientKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true)
      return ctx.accept();
  }
  ctx.reject(methods);
}

/** SFTP attributes of a file (times in seconds) and an `ls -l` style line, whose first letter clients read as the type. */
const attrsOf = (s: Stats) => ({
  mode: s.mode,
  uid: s.uid,
  gid: s.gid,
  size: s.size,
  atime: Math.floor(s.atimeMs / 1000),
  mtime: Math.floor(s.mtimeMs / 1000),
});

function entryOf(name: string, s: Stats): FileEntry {
  const type = s.isDirectory() ? "d" : s.isSymbolicLink() ? "l" : s.isFile() ? "-" : "?";
  const perms = [...Array(9).keys()].map((i) => (s.mode & (0o400 >> i) ? "rwx"[i % 3] : "-")).join("");
  return {
    filename: name,
    longname: `${type}${perms} ${s.nlink} ${s.uid} ${s.gid} ${s.size} ${s.mtime.toISOString()} ${name}`,
    attrs: attrsOf(s),
  };
}

class Denied extends Error {}

/** Answers one client's SFTP requests against the folder `root`. */
function serveSftp(sftp: SFTPWrapper, root: string): void {
  const within = (p: string) => p === root || p.startsWith(root + sep);
  /** The absolute path a request names, refused when it (or, through symlinks, its real location) leaves the root. */
  const inside = async (path: string): Promise<string> => {
    const abs = resolve(root, path);
    const denied = new Denied(`${path} is outside the served folder`);
    if (!within(abs)) throw denied;
    const real = await realpath(abs).catch(async () =>
      join(await realpath(dirname(abs)).catch(() => dirname(abs)), basename(abs)),
    );
    if (!within(real)) throw denied;
    return abs;
  };

  type Open = { file: FileHandle } | { dir: string; done: boolean };
  const handles = new Map<number, Open>();
  let nextHandle = 0;
  const newHandle = (h: Open): Buffer => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  };
  const handleOf = (buf: Buffer): Open => {
    const h = buf.length === 4 ? handles.get(buf.readUInt32BE(0)) : undefined;
    if (!h) throw new Error("unknown handle");
    return h;
  };
  const fileOf = (buf: Buffer): FileHandle => {
    const h = handleOf(buf);
    if (!("file" in h)) throw new Error("not a file handle");
    return h.file;
  };
  // Files a client left open when it went away.
  sftp.on("close", () => {
    for (const h of handles.values()) if ("file" in h) void h.file.close().catch(() => undefined);
    handles.clear();
  });

  /** Runs a request; a thrown error becomes a status reply (missing, denied or a plain failure). */
  const on = <A extends unknown[]>(event: string, handler: (reqid: number, ...args: A) => Promise<void>) => {
    sftp.on(event, (reqid: number, ...args: A) => {
      handler(reqid, ...args).catch((e: unknown) => {
        const code = (e as { code?: string }).code;
        const status =
          code === "ENOENT"
            ? STATUS_CODE.NO_SUCH_FILE
            : e instanceof Denied || code === "EACCES" || code === "EPERM"
              ? STATUS_CODE.PERMISSION_DENIED
              : STATUS_CODE.FAILURE;
        sftp.status(reqid, status, e instanceof Error ? e.message : String(e));
      });
    });
  };
  const ok = (reqid: number) => sftp.status(reqid, STATUS_CODE.OK);

  on("REALPATH", async (reqid, path: string) => {
    const abs = await inside(path);
    sftp.name(reqid, [entryOf(abs, await lstat(abs))]);
  });
  on("STAT", async (reqid, path: string) => sftp.attrs(reqid, attrsOf(await stat(await inside(path)))));
  on("LSTAT", async (reqid, path: string) => sftp.attrs(reqid, attrsOf(await lstat(await inside(path)))));
  on("FSTAT", async (reqid, handle: Buffer) => sftp.attrs(reqid, attrsOf(await fileOf(handle).stat())));
  on("FSETSTAT", async (reqid, handle: Buffer, attrs: { mode?: number }) => {
    if (attrs.mode !== undefined) await fileOf(handle).chmod(attrs.mode & 0o7777);
    ok(reqid);
  });

  on("OPEN", async (reqid, path: string, flags: number, attrs: { mode?: number }) => {
    const mode = flagsToString(flags);
    if (!mode) throw new Error(`unsupported open flags ${flags}`);
    const file = await open(await inside(path), mode, attrs.mode ?? 0o644);
    sftp.handle(reqid, newHandle({ file }));
  });
  on("READ", async (reqid, handle: Buffer, offset: number, length: number) => {
    const { bytesRead, buffer } = await fileOf(handle).read(Buffer.alloc(length), 0, length, offset);
    if (bytesRead === 0) sftp.status(reqid, STATUS_CODE.EOF);
    else sftp.data(reqid, buffer.subarray(0, bytesRead));
  });
  on("WRITE", async (reqid, handle: Buffer, offset: number, data: Buffer) => {
    await fileOf(handle).write(data, 0, data.length, offset);
    ok(reqid);
  });
  on("CLOSE", async (reqid, handle: Buffer) => {
    const h = handleOf(handle);
    handles.delete(handle.readUInt32BE(0));
    if ("file" in h) await h.file.close();
    ok(reqid);
  });

  on("OPENDIR", async (reqid, path: string) => {
    const dir = await inside(path);
    if (!(await stat(dir)).isDirectory()) throw new Error(`${path} is not a folder`);
    sftp.handle(reqid, newHandle({ dir, done: false }));
  });
  on("READDIR", async (reqid, handle: Buffer) => {
    const h = handleOf(handle);
    if (!("dir" in h)) throw new Error("not a folder handle");
    // The whole listing in one reply, then end of listing.
    if (h.done) return void sftp.status(reqid, STATUS_CODE.EOF);
    h.done = true;
    const names = [".", "..", ...(await readdir(h.dir))];
    sftp.name(reqid, await Promise.all(names.map(async (n) => entryOf(n, await lstat(join(h.dir, n))))));
  });

  on("MKDIR", async (reqid, path: string, attrs: { mode?: number }) => {
    await mkdir(await inside(path), attrs.mode ?? 0o755);
    ok(reqid);
  });
  on("RMDIR", async (reqid, path: string) => {
    await rmdir(await inside(path));
    ok(reqid);
  });
  on("REMOVE", async (reqid, path: string) => {
    await unlink(await inside(path));
    ok(reqid);
  });
  on("RENAME", async (reqid, from: string, to: string) => {
    const [src, dst] = [await inside(from), await inside(to)];
    // SFTP v3 rename never replaces the target. Like OpenSSH: hard link (fails if the target exists)
    // then unlink; a folder cannot be hard linked, so it is checked, then renamed.
    try {
      await link(src, dst);
      await unlink(src);
    } catch (e) {
      if ((e as { code?: string }).code !== "EPERM") throw e;
      if (
        await lstat(dst).then(
          () => true,
          () => false,
        )
      )
        throw new Error(`${to} already exists`);
      await rename(src, dst);
    }
    ok(reqid);
  });
}

export async function startSftpServer(): Promise<SftpServer> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "claimledger-sftp-")));
  const username = "claimledger";
  const password = randomBytes(18).toString("base64url");
  const hostKey = ed25519();
  const clientKey = ed25519("claimledger-test");
  const authorized = parse(clientKey.public);
  const hostKeySha256 = `SHA256:${createHash("sha256").update(parse(hostKey.public).getPublicSSH()).digest("base64").replace(/=+$/, "")}`;

  const clients = new Set<Connection>();
  const ssh = new Server({ hostKeys: [hostKey.private] }, (client) => {
    clients.add(client);
    client.on("close", () => clients.delete(client));
    client.on("error", () => undefined); // a client that vanishes mid-handshake (e.g. a refused host key)
    client.on("authentication", (ctx) => authenticate(ctx, username, password, authorized));
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        acceptSession().on("sftp", (acceptSftp) => serveSftp(acceptSftp(), root));
      });
    });
  });
  // Our own TCP listener so that replies go out at once (no Nagle delay): each SFTP call is a round trip.
  const tcp = createServer({ noDelay: true }, (socket) => ssh.injectSocket(socket));
  await new Promise<void>((ok, fail) => {
    tcp.once("error", fail);
    tcp.listen(0, "127.0.0.1", () => ok());
  });
  const { port } = tcp.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    username,
    privateKey: clientKey.private,
    password,
    hostKeySha256,
    root,
    async stop() {
      for (const client of clients) client.end();
      await new Promise<void>((ok) => tcp.close(() => ok()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
