// An independent MCP client for aino: the official TypeScript SDK over Streamable HTTP.
// Usage: node client.mjs <base-url> <token>
// Lists the tools, schedules a workload, waits until it runs, reads its logs (tool and resource),
// deletes it; exits non-zero with a message on stderr when any step does not do what it should.
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
  for (const wanted of ["schedule_workload", "get_workload", "get_logs", "delete_workload"]) {
    check(names.includes(wanted), `tools/list lacks ${wanted}: ${names.join(", ")}`);
  }

  const scheduled = await client.callTool(
    {
      name: "schedule_workload",
      arguments: {
        name: "node-web",
        spec: {
          image: "nginx:1.27",
          command: ["sh", "-c", "echo hello from node-web; sleep infinity"],
          replicas: 2,
        },
        wait: true,
      },
    },
    undefined,
    { onprogress: (p) => progress.push(p) },
  );
  check(!scheduled.isError, `schedule_workload failed: ${JSON.stringify(scheduled.content)}`);
  check(scheduled.structuredContent?.running === true, "the workload is not running after wait");

  const got = await client.callTool({ name: "get_workload", arguments: { name: "node-web" } });
  check(got.structuredContent?.workload?.running === 2, `expected 2 running: ${JSON.stringify(got.structuredContent)}`);

  const listed = await client.callTool({
    name: "list_instances",
    arguments: { workload: "node-web", phase: "RUNNING" },
  });
  const instance = listed.structuredContent?.items?.[0]?.id;
  check(instance, `no running instance listed: ${JSON.stringify(listed.structuredContent)}`);
  const logs = await client.callTool({ name: "get_logs", arguments: { id: instance, tail_lines: 10 } });
  check(!logs.isError, `get_logs failed: ${JSON.stringify(logs.content)}`);
  const texts = (logs.structuredContent?.lines ?? []).map((l) => l.text);
  check(texts.includes("hello from node-web"), `unexpected log lines: ${JSON.stringify(texts)}`);
  const resource = await client.readResource({ uri: `aino://instances/${instance}/logs` });
  check(
    resource.contents?.[0]?.text?.includes("hello from node-web"),
    `the logs resource lacks the line: ${JSON.stringify(resource.contents)}`,
  );
  const unknown = await client.callTool({ name: "get_logs", arguments: { id: "node-web-nope1" } });
  check(unknown.isError === true, "get_logs of an unknown instance is not an error");

  const deleted = await client.callTool({
    name: "delete_workload",
    arguments: { name: "node-web", confirm: true },
  });
  check(!deleted.isError, `delete_workload failed: ${JSON.stringify(deleted.content)}`);

  console.log(
    JSON.stringify({ tools: names.length, progress: progress.length, logLines: texts.length, deleted: true }),
  );
  await transport.terminateSession();
  await client.close();
} catch (e) {
  console.error(`aino MCP client test failed: ${e.message}`);
  process.exit(1);
}
