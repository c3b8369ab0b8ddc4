// Safety net, run after the teardown that global-setup.ts returns: if setup failed half-way
// or a teardown step threw, kill what the state file says is still running (the app's
// process group, the postmaster) and remove the temporary directory.
import { reapStack } from "./stack";

export default async function globalTeardown() {
  await reapStack();
}
