// Next.js calls register() once when a server process starts; the Node.js runtime's part (settings
// check, the job queue) is instrumentation-node.ts, imported only there so the Edge build never
// compiles Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNode();
}
