// The clearinghouse module's face: what other modules and the handlers may use.
export * from "./connection.ts";
export * from "./open.ts";
export * from "./settings.ts";
export * from "./sftp.ts";
