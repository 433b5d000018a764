// The page's Content-Security-Policy forbids eval: without this, zod probes for it with
// new Function when an object schema is made, and the browser reports a violation
// (tests/e2e/security.test.ts). Imported first by main.tsx, so it holds for every module.
import { z } from "zod";

z.config({ jitless: true });
