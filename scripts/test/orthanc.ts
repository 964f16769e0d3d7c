import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../../lib/db/embedded";
import { PROJECT_ROOT } from "../../lib/project-root";
import { waitForHttp } from "../bench/processes";

// A real Orthanc (Debian's orthanc + orthanc-dicomweb) on loopback ports, as a peer for tests and
// benchmarks: the configuration is the shared template's, with the ports and folders of this run
// and whatever the caller adds (DicomWeb.Servers, say).

const TEMPLATE = path.join(PROJECT_ROOT, "scripts/bench/peers/orthanc.json.template");

export type OrthancPeer = {
  url: string;
  dicomPort: number;
  pid: number;
  /** The end of what Orthanc logged, to say why a request to it failed. */
  log: () => string;
  stop: () => Promise<void>;
};

type Config = Record<string, unknown> & { DicomWeb?: Record<string, unknown> };

export async function startOrthanc(workDir: string, extra: Config = {}): Promise<OrthancPeer> {
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const storage = path.join(workDir, "orthanc-storage");
  await mkdir(storage, { recursive: true });
  const template = JSON.parse(await readFile(TEMPLATE, "utf8")) as Config;
  const config: Config = {
    ...template,
    ...extra,
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomWeb: { ...template.DicomWeb, ...extra.DicomWeb, Host: `127.0.0.1:${httpPort}` },
  };
  const configFile = path.join(workDir, "orthanc.json");
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const child = spawn("Orthanc", [configFile], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000)));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  try {
    await waitForHttp(`http://127.0.0.1:${httpPort}/system`, child, "Orthanc");
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { url: `http://127.0.0.1:${httpPort}`, dicomPort, pid: child.pid!, log: () => log, stop };
}
