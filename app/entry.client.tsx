import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadMessages, parseLang } from "~/lib/i18n";

// The page's language is the document's (root.tsx sets <html lang>); only its messages are downloaded, before the
// first render needs them. Switching language reloads the document (language-switch.tsx).
const lang = parseLang(document.documentElement.lang.startsWith("en") ? "en" : "zh");

void loadMessages(lang).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
