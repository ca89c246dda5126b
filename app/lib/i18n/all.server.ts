// Both languages, for the server (pages are rendered in either), the tests and the scripts. A `.server` module:
// the browser bundle gets an empty module here, and loads the one language it shows (./index.ts, loadMessages).
import { en } from "./en";
import type { Lang } from "./index";
import type { Messages } from "./keys";
import { zh } from "./zh";

export const serverMessages: Record<Lang, Messages> = { zh, en };
