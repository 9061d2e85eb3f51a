import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

/** The API Lambda: API Gateway v2 (HTTP API) events into the Hono app. */
export const handler = handle(createApp());
