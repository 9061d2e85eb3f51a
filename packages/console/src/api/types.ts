import type { paths } from "./schema";

/** The JSON a GET answers with 200, by path: `Get<"/v1/invoices">`. */
export type Get<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer J } } } };
}
  ? J
  : never;

/** The JSON body a POST sends, by path. */
export type PostBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { "application/json": infer B } } };
}
  ? B
  : never;
