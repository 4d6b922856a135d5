// An independent MCP client for aino: the official TypeScript SDK over Streamable HTTP.
// Usage: node client.mjs <base-url> <token>
// Lists the tools, schedules a workload with progress notifications, waits until it runs, reads
// its logs (tool and resource), subscribes to it and sees the update a scale causes, deletes it
// after answering the server's elicitation, and checks that it is gone; exits non-zero with a
// message on stderr when any step does not do what it should. Prints what it saw, all measured.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ElicitRequestSchema,
  ResourceUpdatedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";

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
const client = new Client(
  { name: "aino-node-test", version: "1.0.0" },
  { capabilities: { elicitation: {} } },
);
const progress = [];
const updated = [];
const questions = [];
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
  updated.push(n.params.uri);
});
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  questions.push(request.params.message);
  return { action: "accept", content: { confirm: true } };
});

async function waitFor(what, condition) {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    check(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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

  check(progress.length > 0, "schedule_workload with wait sent no progress notification");

  const uri = "aino://workloads/node-web";
  await client.subscribeResource({ uri });
  const scaled = await client.callTool({ name: "scale_workload", arguments: { name: "node-web", replicas: 1 } });
  check(scaled.structuredContent?.desired === 1, `scale_workload: ${JSON.stringify(scaled.structuredContent)}`);
  await waitFor(`an update of ${uri}`, () => updated.includes(uri));

  // No confirm argument: the server asks the user through elicitation, answered yes above.
  const deleted = await client.callTool({ name: "delete_workload", arguments: { name: "node-web" } });
  check(!deleted.isError, `delete_workload failed: ${JSON.stringify(deleted.content)}`);
  check(deleted.structuredContent?.name === "node-web", `deleted: ${JSON.stringify(deleted.structuredContent)}`);
  check(questions.length === 1 && questions[0].includes("node-web"), `questions: ${JSON.stringify(questions)}`);
  let gone = false;
  await waitFor("node-web to be gone", async () => {
    const after = await client.callTool({ name: "get_workload", arguments: { name: "node-web" } });
    gone = after.isError === true && JSON.stringify(after.content).includes("not found");
    return gone;
  });

  console.log(
    JSON.stringify({
      tools: names.length,
      progress: progress.length,
      logLines: texts.length,
      updates: updated.filter((u) => u === uri).length,
      questions: questions.length,
      deleted: gone,
    }),
  );
  await transport.terminateSession();
  await client.close();
} catch (e) {
  console.error(`aino MCP client test failed: ${e.message}`);
  process.exit(1);
}
