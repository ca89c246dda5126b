// The dictionary's key type, from the Chinese source. A type-only import: no language is bundled by naming it.
import type { zh } from "./zh";

export type MessageKey = keyof typeof zh;
export type Messages = Record<MessageKey, string>;
