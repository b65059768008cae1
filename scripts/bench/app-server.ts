// The app's server for the collaboration benchmark: pages and /collab on one port as `npm start`
// serves them (server/main.ts), but on 127.0.0.1 and a free port, on the embedded database the
// benchmark prepared in DATA_DIR (no build check, no seeding). Tells the benchmark its port over IPC.
import type { AddressInfo } from "node:net";
import { parseConfig, setConfig } from "~/config.server";
import { openDatabase, useDatabase } from "~/db/db.server";
import { listen } from "../../server/server";

const config = parseConfig();
setConfig(config);
const database = await openDatabase({ dataDir: config.DATA_DIR });
useDatabase(database);
const running = await listen(0, "127.0.0.1");
process.send?.({ type: "ready", port: (running.server.address() as AddressInfo).port });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await running.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
