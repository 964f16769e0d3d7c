import { build, buildIfNeeded } from "./boot/build";
import { PROJECT_ROOT } from "../lib/project-root";

// `npm run build`: build the app; with --if-needed, only when the sources changed since the last build.

process.env.NEXT_TELEMETRY_DISABLED = "1";
try {
  if (process.argv.includes("--if-needed")) await buildIfNeeded(PROJECT_ROOT, (line) => console.log(line));
  else await build(PROJECT_ROOT);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
