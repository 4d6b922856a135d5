// An on-call agent for aino over MCP (the official TypeScript SDK, Streamable HTTP).
//
// Usage: AINO_TOKEN=... node on-call.mjs [http://127.0.0.1:7070]
//
// It does what an incident-responder agent does before it asks a model or a person anything:
// reads the cluster's problems, finds every workload that is not healthy, asks aino why
// (diagnose_workload: pending reasons, crash loops with their last log lines, warnings, next steps)
// and prints a short report. Plug a model in where the report is printed, and give it the same
// tools to act. Exits 0 when everything is healthy, 1 when something needs attention, 2 on error.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const baseUrl = process.argv[2] ?? process.env.AINO_SERVER ?? "http://127.0.0.1:7070";
const token = process.env.AINO_TOKEN;

const headers = token ? { Authorization: `Bearer ${token}` } : {};
const transport = new StreamableHTTPClientTransport(new URL("/mcp", baseUrl), {
  requestInit: { headers },
});
const client = new Client({ name: "aino-on-call-example", version: "1.0.0" });

/** Calls a tool and returns its structured result; a tool error ends the run with its text. */
async function call(name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) {
    throw new Error(`${name}: ${result.content.map((c) => c.text).join(" ")}`);
  }
  return result.structuredContent;
}

/** Every page of a list tool. */
async function all(name, args = {}) {
  const items = [];
  let cursor;
  do {
    const page = await call(name, cursor ? { ...args, cursor } : args);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

let exitCode = 0;
try {
  await client.connect(transport);

  const cluster = await call("cluster_status");
  console.log(`cluster: ${cluster.readyNodes}/${cluster.nodes} node(s) ready, ${cluster.workloads} workload(s)`);
  for (const problem of cluster.problems ?? []) {
    console.log(`  problem: ${problem}`);
  }

  const unhealthy = (await all("list_workloads")).filter(
    (w) => w.state !== "Healthy" && w.state !== "Completed",
  );
  if (unhealthy.length === 0) {
    console.log("every workload is healthy");
  }
  for (const workload of unhealthy) {
    exitCode = 1;
    const d = await call("diagnose_workload", { name: workload.name });
    console.log(`\n${d.workload}: ${d.state}: ${d.message}`);
    for (const reason of d.pendingReasons ?? []) {
      console.log(`  pending: ${reason}`);
    }
    for (const loop of d.crashLoops ?? []) {
      console.log(`  ${loop.instance}: ${loop.reason}, ${loop.restarts} restart(s), exit ${loop.lastExitCode ?? "-"}`);
      for (const line of (loop.lastLogLines ?? []).slice(-3)) {
        console.log(`    | ${line}`);
      }
    }
    for (const step of d.nextSteps ?? []) {
      console.log(`  next: ${step}`);
    }
  }
} catch (e) {
  console.error(`on-call: ${e.message}`);
  exitCode = 2;
} finally {
  await client.close();
}
process.exit(exitCode);
