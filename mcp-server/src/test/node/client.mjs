// An independent MCP client for aino: the official TypeScript SDK over Streamable HTTP.
// Usage: node client.mjs <base-url> <token>
// Lists the tools, schedules a workload and waits until it runs, deletes it; exits non-zero with
// a message on stderr when any step does not do what it should.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  console.error("usage: node client.mjs <base-url> <token>");
  process.exit(2);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const transport = new StreamableHTTPClientTransport(new URL("/mcp", baseUrl), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "aino-node-test", version: "1.0.0" });
const progress = [];

try {
  await client.connect(transport);

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const wanted of ["schedule_workload", "get_workload", "delete_workload"]) {
    check(names.includes(wanted), `tools/list lacks ${wanted}: ${names.join(", ")}`);
  }

  const scheduled = await client.callTool(
    {
      name: "schedule_workload",
      arguments: { name: "node-web", spec: { image: "nginx:1.27", replicas: 2 }, wait: true },
    },
    undefined,
    { onprogress: (p) => progress.push(p) },
  );
  check(!scheduled.isError, `schedule_workload failed: ${JSON.stringify(scheduled.content)}`);
  check(scheduled.structuredContent?.running === true, "the workload is not running after wait");

  const got = await client.callTool({ name: "get_workload", arguments: { name: "node-web" } });
  check(got.structuredContent?.workload?.running === 2, `expected 2 running: ${JSON.stringify(got.structuredContent)}`);

  const deleted = await client.callTool({
    name: "delete_workload",
    arguments: { name: "node-web", confirm: true },
  });
  check(!deleted.isError, `delete_workload failed: ${JSON.stringify(deleted.content)}`);

  console.log(JSON.stringify({ tools: names.length, progress: progress.length, deleted: true }));
  await transport.terminateSession();
  await client.close();
} catch (e) {
  console.error(`aino MCP client test failed: ${e.message}`);
  process.exit(1);
}
