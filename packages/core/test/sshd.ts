import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A real OpenSSH server (Debian's openssh-server) on 127.0.0.1 for integration tests: its own
 * host key, one generated client key, key-only login as the current user, internal-sftp, and a
 * temporary root folder with inbound/ and outbound/. Not installed = a failing test, never a skip.
 */
export interface Sshd {
  host: string;
  port: number;
  username: string;
  /** OpenSSH-format private key authorized for `username`. */
  privateKey: string;
  /** Never set: password login is disabled (no PAM in the test server). */
  password?: string;
  /** The server's host key fingerprint as `ssh-keygen -lf` prints it. */
  hostKeySha256: string;
  /** Temporary folder (absolute) holding `inbound/` and `outbound/`. */
  root: string;
  stop(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: "127.0.0.1", port });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
}

async function keygen(file: string): Promise<void> {
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "claimledger-test", "-f", file]);
}

export async function startSshd(): Promise<Sshd> {
  if (!existsSync(SSHD)) {
    throw new Error(`OpenSSH server not found at ${SSHD}. Install it: apt-get install -y openssh-server (CI's .ci/run does).`);
  }
  const username = userInfo().username;
  if (process.getuid?.() === 0) {
    // sshd refuses to start as root without its privilege separation folder (systemd makes it).
    await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  }
  const dir = await mkdtemp(join(tmpdir(), "claimledger-sshd-"));
  const root = join(dir, "root");
  await mkdir(join(root, "inbound"), { recursive: true });
  await mkdir(join(root, "outbound"), { recursive: true });
  await keygen(join(dir, "host_key"));
  await keygen(join(dir, "client_key"));
  await copyFile(join(dir, "client_key.pub"), join(dir, "authorized_keys"));
  const privateKey = await readFile(join(dir, "client_key"), "utf8");
  const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "host_key.pub")]);
  const hostKeySha256 = /SHA256:[A-Za-z0-9+/=]+/.exec(stdout)?.[0];
  if (!hostKeySha256) throw new Error(`Could not read the host key fingerprint from: ${stdout}`);

  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = join(dir, "sshd_config");
    await writeFile(
      config,
      [
        `ListenAddress 127.0.0.1`,
        `Port ${port}`,
        `HostKey ${join(dir, "host_key")}`,
        `PidFile ${join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        `PubkeyAuthentication yes`,
        `PasswordAuthentication no`,
        `KbdInteractiveAuthentication no`,
        `UsePAM no`,
        `StrictModes no`,
        `UseDNS no`,
        `PermitRootLogin prohibit-password`,
        `AllowUsers ${username}`,
        `Subsystem sftp internal-sftp`,
        `LogLevel VERBOSE`,
        "",
      ].join("\n"),
    );
    const child = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"], detached: true });
    let log = "";
    child.stderr?.on("data", (d: Buffer) => {
      log = (log + d.toString("utf8")).slice(-20_000);
    });
    child.once("error", (e) => {
      log += `\nspawn failed: ${e.message}`;
    });
    // The whole process group: the listener and any per-connection session processes.
    const killAll = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    const onExit = () => killAll("SIGKILL");
    process.once("exit", onExit);

    const deadline = Date.now() + 10_000;
    let up = false;
    while (Date.now() < deadline && child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      if (await canConnect(port)) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      return {
        host: "127.0.0.1",
        port,
        username,
        privateKey,
        hostKeySha256,
        root,
        async stop() {
          process.removeListener("exit", onExit);
          killAll("SIGTERM");
          await Promise.race([exited(child), new Promise((r) => setTimeout(r, 3_000))]);
          killAll("SIGKILL");
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    process.removeListener("exit", onExit);
    killAll("SIGKILL");
    await exited(child);
    lastError = log.trim() || `exit code ${child.exitCode ?? child.signalCode}`;
    if (!/Address already in use|Cannot bind/i.test(lastError)) break; // only a port race is worth retrying
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`sshd did not start on 127.0.0.1: ${lastError}`);
}
