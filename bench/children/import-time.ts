/**
 * Child process of the cold-start figure: times one dynamic import of FILE in this fresh process
 * (what a Lambda's init does with its handler module) and prints it as JSON.
 *
 *   node bench/children/import-time.ts FILE
 */
import { pathToFileURL } from "node:url";

const file = process.argv[2]!;
const t = performance.now();
await import(pathToFileURL(file).href);
console.log(JSON.stringify({ ms: performance.now() - t }));
