// The clearinghouse module's face: what other modules and the handlers may use. The SFTP
// connection itself is the `sftp` module's, loaded only by the workers (see `useSftp`).
export * from "./connection.ts";
export * from "./open.ts";
export * from "./settings.ts";
