/// <reference types="vite/client" />
/** The app's version from package.json, set by vite.config.ts. */
declare const __MUSTER_VERSION__: string;
