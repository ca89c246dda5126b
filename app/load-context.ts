// What the express server hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-response nonce for the Content-Security-Policy's inline scripts. */
    nonce: string;
    /** The client's address, for login throttling. */
    clientIp: string;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
