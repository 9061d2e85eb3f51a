import type { Readable } from "node:stream";

/**
 * How files reach and leave a clearinghouse. Two implementations, chosen per tenant: SFTP (how
 * most clearinghouses take files) and the sandbox (a simulated clearinghouse for trials/tests).
 */
export interface OutboundFile {
  /** File name to use at the clearinghouse, e.g. `CL-000000123.837`. */
  name: string;
  content: string;
}

export interface ClearinghouseConnection {
  /** Uploads a file (837P claims, a 270 batch, 276 inquiries). Resolves once the clearinghouse has it. */
  submit(file: OutboundFile): Promise<void>;
  /**
   * A real-time exchange (a 270 answered by its 271 within seconds), when the clearinghouse offers
   * one; absent, the file is submitted and its answer arrives with the next poll.
   */
  realtime?(content: string): Promise<string>;
  /** The names of the files waiting for us (999, 277CA, 835), in name order; nothing is downloaded yet. */
  listInbound(): Promise<string[]>;
  /** One waiting file's bytes as a stream, so a large file is never held in memory whole. */
  fetchInbound(name: string): Promise<Readable>;
  /**
   * Marks one inbound file as taken (moved to the archive folder or deleted), so no later poll
   * returns it. A file already taken is not an error (a retried acknowledgement).
   */
  acknowledge(name: string): Promise<void>;
  close(): Promise<void>;
}

/** SFTP settings; the secret (password or private key) never lives in DynamoDB. */
export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  /** Folder we upload claim files into. */
  outboundDir: string;
  /** Folder the clearinghouse drops answers into. */
  inboundDir: string;
  /** Where taken inbound files are moved (kept at the clearinghouse); absent = delete them. */
  archiveDir?: string;
  /** Expected host key fingerprint (SHA256:...), checked when set. */
  hostKeySha256?: string;
}

export interface SftpSecret {
  password?: string;
  privateKey?: string;
  passphrase?: string;
}
