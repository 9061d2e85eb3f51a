// The SFTP module's face: the SFTP clearinghouse connection. Only the workers that talk to a
// clearinghouse import it (and hand `openSftp` to the clearinghouse module with `useSftp`), so ssh2
// stays out of the API's bundle.
export { openSftp, sshFingerprint } from "./sftp.ts";
