import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSftpServer, type SftpServer } from "../../test/sftp-server.ts";
import type { SftpSettings } from "../clearinghouse/index.ts";
import { openSftp } from "./sftp.ts";

let sshd: SftpServer;
let n = 0;

beforeAll(async () => {
  sshd = await startSftpServer();
});
afterAll(async () => {
  await sshd?.stop();
});

/** Fresh folders per test under the server's root (absolute paths, no chroot). */
async function settings(extra: Partial<SftpSettings> = {}): Promise<SftpSettings> {
  const base = join(sshd.root, `t${++n}`);
  await mkdir(join(base, "inbound"), { recursive: true });
  await mkdir(join(base, "outbound"), { recursive: true });
  return {
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    outboundDir: join(base, "outbound"),
    inboundDir: join(base, "inbound"),
    hostKeySha256: sshd.hostKeySha256,
    ...extra,
  };
}

/** A stream's bytes as UTF-8 text. */
async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Lines of a PEM/OpenSSH key that carry key material (not the BEGIN/END armour). */
const keyLines = (key: string) => key.split("\n").filter((l) => l.trim() && !l.startsWith("-----"));

describe("openSftp against a real SFTP server (in-process, over TCP)", () => {
  it("submits atomically: the file appears with its exact content and no .part is left", async () => {
    const s = await settings();
    const conn = await openSftp(s, { privateKey: sshd.privateKey });
    try {
      const content = "ISA*00*          *00*          *ZZ*CLTEST~\nGS*HC~\nSE*2*0001~\nÉé ünïcode~\n";
      await conn.submit({ name: "CL-000000123.837", content });
      expect(await readFile(join(s.outboundDir, "CL-000000123.837"), "utf8")).toBe(content);
      expect(await readdir(s.outboundDir)).toEqual(["CL-000000123.837"]);

      // A waiting file is never overwritten, and the failed attempt leaves no .part behind.
      await expect(conn.submit({ name: "CL-000000123.837", content: "other" })).rejects.toThrow(/already exists/);
      expect(await readFile(join(s.outboundDir, "CL-000000123.837"), "utf8")).toBe(content);
      expect(await readdir(s.outboundDir)).toEqual(["CL-000000123.837"]);
    } finally {
      await conn.close();
    }
  });

  it("logs in with a password as well as a key", async () => {
    const s = await settings();
    const conn = await openSftp(s, { password: sshd.password });
    try {
      await conn.submit({ name: "pw.837", content: "ST*837~\n" });
      expect(await readFile(join(s.outboundDir, "pw.837"), "utf8")).toBe("ST*837~\n");
    } finally {
      await conn.close();
    }
  });

  it("refuses file names that leave the folder", async () => {
    const s = await settings();
    const conn = await openSftp(s, { privateKey: sshd.privateKey });
    try {
      for (const name of ["../escape.837", "sub/x.837", "..", "", ".hidden", "x.837.part"]) {
        await expect(conn.submit({ name, content: "x" }), name).rejects.toThrow(/Invalid clearinghouse file name/);
      }
      await expect(conn.acknowledge("../outbound/x")).rejects.toThrow(/Invalid clearinghouse file name/);
      await expect(conn.fetchInbound("../outbound/x")).rejects.toThrow(/Invalid clearinghouse file name/);
      expect(existsSync(join(s.outboundDir, "..", "escape.837"))).toBe(false);
      expect(await readdir(s.outboundDir)).toEqual([]);
    } finally {
      await conn.close();
    }
  });

  it("lists inbound files sorted by name, streams one at a time and archives each on acknowledge", async () => {
    const s = await settings();
    const archiveDir = join(s.inboundDir, "..", "archive", "2026");
    await writeFile(join(s.inboundDir, "b-277CA.txt"), "ST*277~\n");
    await writeFile(join(s.inboundDir, "a-999.txt"), "ST*999~\n");
    await writeFile(join(s.inboundDir, ".hidden"), "no");
    await writeFile(join(s.inboundDir, "c-835.txt.part"), "half");
    await mkdir(join(s.inboundDir, "subdir"));
    // Larger than one SFTP read (32 KiB chunks), so the stream comes in pieces.
    const big = "ST*835~" + "CLP*X*1*100*50~".repeat(20_000);
    await writeFile(join(s.inboundDir, "d-835.txt"), big);
    const conn = await openSftp({ ...s, archiveDir }, { privateKey: sshd.privateKey });
    try {
      const names = await conn.listInbound();
      expect(names).toEqual(["a-999.txt", "b-277CA.txt", "d-835.txt"]);
      expect(await text(await conn.fetchInbound("a-999.txt"))).toBe("ST*999~\n");
      expect(await text(await conn.fetchInbound("d-835.txt"))).toBe(big);
      await expect(conn.fetchInbound("gone.835")).rejects.toThrow(/download of gone.835 from 127\.0\.0\.1:\d+ failed/);

      // One file taken: only it moves.
      await conn.acknowledge("a-999.txt");
      expect(await conn.listInbound()).toEqual(["b-277CA.txt", "d-835.txt"]);
      expect(await readdir(archiveDir)).toEqual(["a-999.txt"]);
      for (const n of ["b-277CA.txt", "d-835.txt"]) await conn.acknowledge(n);
      expect(await conn.listInbound()).toEqual([]);
      expect((await readdir(archiveDir)).sort()).toEqual(["a-999.txt", "b-277CA.txt", "d-835.txt"]);
      expect(await readFile(join(archiveDir, "a-999.txt"), "utf8")).toBe("ST*999~\n");
      expect((await readdir(s.inboundDir)).sort()).toEqual([".hidden", "c-835.txt.part", "subdir"]);
      // A retried acknowledge is harmless.
      await conn.acknowledge("a-999.txt");
    } finally {
      await conn.close();
    }
  });

  it("deletes acknowledged files when there is no archive folder", async () => {
    const s = await settings();
    await writeFile(join(s.inboundDir, "r.835"), "ST*835~\n");
    const conn = await openSftp(s, { privateKey: sshd.privateKey });
    try {
      expect(await conn.listInbound()).toEqual(["r.835"]);
      expect(await text(await conn.fetchInbound("r.835"))).toBe("ST*835~\n");
      await conn.acknowledge("r.835");
      expect(await readdir(s.inboundDir)).toEqual([]);
      expect(await conn.listInbound()).toEqual([]);
      await conn.acknowledge("r.835");
    } finally {
      await conn.close();
    }
  });

  it("refuses a server whose host key does not match the expected fingerprint", async () => {
    const s = await settings({ hostKeySha256: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    const err = await openSftp(s, { privateKey: sshd.privateKey }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toContain(`${sshd.host}:${sshd.port}`);
    expect(err?.message).toMatch(/host key .* does not match the expected SHA256:AAAA/);
    expect(err?.message).toContain(sshd.hostKeySha256);
  });

  it("refuses a key the server does not accept, without echoing the key", async () => {
    const s = await settings();
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    const err = await openSftp(s, { privateKey }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toContain(`SFTP connection to ${sshd.host}:${sshd.port} failed`);
    expect(err?.message).toMatch(/authentication/i);
    for (const line of keyLines(privateKey)) expect(err?.message).not.toContain(line);
  });

  it("refuses malformed key material and a password without echoing either", async () => {
    const s = await settings();
    const bogus =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90LWEta2V5LXN1cGVyLXNlY3JldC1tYXRlcmlhbA==\n-----END OPENSSH PRIVATE KEY-----\n";
    const bad = await openSftp(s, { privateKey: bogus, passphrase: "pass-phrase-123" }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(bad?.message).toContain(`${sshd.host}:${sshd.port}`);
    expect(bad?.message).not.toContain("bm90LWEta2V5");
    expect(bad?.message).not.toContain("pass-phrase-123");

    const pw = await openSftp(s, { password: "hunter2-very-secret" }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(pw?.message).toContain(`${sshd.host}:${sshd.port}`);
    expect(pw?.message).not.toContain("hunter2-very-secret");
  });

  it("names host:port and the cause when nothing listens", async () => {
    const s = await settings({ port: 1 });
    await expect(openSftp(s, { privateKey: sshd.privateKey })).rejects.toThrow(
      /SFTP connection to 127\.0\.0\.1:1 failed: .*refused/i,
    );
  });
});
