// Every string the interface shows, in one typed dictionary split by domain (./zh/*.ts, ./en/*.ts). Chinese is the
// source; English must have every key.

import { serverMessages } from "./all.server";
import type { MessageKey, Messages } from "./keys";

export type { MessageKey, Messages } from "./keys";

export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

// The server has both languages (./all.server.ts); the browser gets an empty module for it and loads the one it
// shows before hydrating (entry.client.tsx), so it never downloads the other.
const dictionaries: Partial<Record<Lang, Messages>> = { ...serverMessages };

/** Loads a language's messages (a separate chunk in the browser); resolves at once where they are loaded. */
export async function loadMessages(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  dictionaries[lang] = lang === "en" ? (await import("./en")).en : (await import("./zh")).zh;
}

function messages(lang: Lang): Messages {
  const loaded = dictionaries[lang];
  if (!loaded) throw new Error(`i18n: the messages of "${lang}" are not loaded (loadMessages)`);
  return loaded;
}

export function parseLang(value: string | null | undefined): Lang {
  return value === "en" ? "en" : "zh";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = messages(lang);
  return (key, params) => {
    const text = dict[key];
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
}

/** Whether a key made at run time (a notice's kind, say) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  // Every language has every key: ask whichever is loaded (the browser has only the one it shows).
  const loaded = dictionaries.zh ?? dictionaries.en;
  return loaded !== undefined && Object.hasOwn(loaded, key);
}

/** Keys of every message, for tests that check both languages say something. */
export function allMessageKeys(): MessageKey[] {
  return Object.keys(messages("zh")) as MessageKey[];
}

export function messagesFor(lang: Lang): Messages {
  return messages(lang);
}
