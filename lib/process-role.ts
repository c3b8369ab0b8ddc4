// Which program this process is: the web app (Next.js, the default) or the dedicated RADIUS
// server (modules/radius/server-main.ts, decision 016). The RADIUS server's entry point declares
// itself before lib/env.ts loads, so production asks it only for what it uses. Deliberately not
// an environment variable: a web process must never be talked out of its production checks.
export type ProcessRole = "web" | "radius";

let role: ProcessRole = "web";

export function declareRadiusProcess(): void {
  role = "radius";
}

export function processRole(): ProcessRole {
  return role;
}
