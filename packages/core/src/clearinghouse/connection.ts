/**
 * How files reach and leave a clearinghouse. Two implementations, chosen per tenant: SFTP (how
 * most clearinghouses take files) and the sandbox (a simulated clearinghouse for trials/tests).
 */
export interface OutboundFile {
  /** File name to use at the clearinghouse, e.g. `CL-000000123.837`. */
  name: string;
  content: string;
}

export interface InboundFile {
  /** Name at the clearinghouse; used to acknowledge (remove/move) it after archiving. */
  name: string;
  content: string;
}

export interface ClearinghouseConnection {
  /** Uploads a claim file (837P). Resolves once the clearinghouse has it. */
  submit(file: OutboundFile): Promise<void>;
  /** Lists and downloads the files waiting for us (999, 277CA, 835). */
  fetchInbound(): Promise<InboundFile[]>;
  /** Marks inbound files as taken, so the next poll does not return them again. */
  acknowledge(names: string[]): Promise<void>;
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
