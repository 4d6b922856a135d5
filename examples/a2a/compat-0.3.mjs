// A peer still on A2A 0.3: the official JavaScript SDK's 0.3 transport (message/send,
// message/stream, tasks/get, tasks/cancel, `kind` fields, lower-case states) against the same
// aino endpoint, which answers 0.3 to requests without A2A-Version 1.0.
//
//   AINO_URL=http://127.0.0.1:7070 AINO_TOKEN=... node compat-0.3.mjs [name]
import { randomUUID } from "node:crypto";
import { Role, TaskState } from "@a2a-js/sdk";
import { Client } from "@a2a-js/sdk/client";
import { LegacyJsonRpcTransport } from "@a2a-js/sdk/compat/v0_3/client";

const base = process.env.AINO_URL ?? "http://127.0.0.1:7070";
const token = process.env.AINO_TOKEN;
const name = process.argv[2] ?? "a2a-legacy";

function withToken(url, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

const card = await (await fetch(`${base}/.well-known/agent-card.json`)).json();
const legacy = card.supportedInterfaces.find((i) => i.protocolVersion === "0.3");
const transport = new LegacyJsonRpcTransport({ endpoint: legacy.url, fetchImpl: withToken });
const client = new Client(transport, card);
console.log(`protocol ${client.protocolVersion} at ${legacy.url}`);

function message(text, { taskId, confirm } = {}) {
  return {
    message: {
      messageId: randomUUID(),
      role: Role.ROLE_USER,
      parts: [{ content: { $case: "text", value: text } }],
      taskId: taskId ?? "",
      contextId: "",
      metadata: confirm ? { confirm: true } : undefined,
      extensions: [],
      referenceTaskIds: [],
    },
    configuration: { acceptedOutputModes: ["text/plain"], returnImmediately: false },
  };
}
const stateName = (s) => TaskState[s];
const said = (status) =>
  status?.message?.parts?.find((p) => p.content?.$case === "text")?.content.value ?? "";
function expectState(task, state, what) {
  if (task.status?.state !== state) {
    throw new Error(`${what}: expected ${stateName(state)}, got ${stateName(task.status?.state)}: ${said(task.status)}`);
  }
}

const deployed = await client.sendMessage(message(`run 1 copy of busybox:1.36 called ${name} with 16 MiB`));
expectState(deployed, TaskState.TASK_STATE_COMPLETED, "deploy");
console.log(`deployed: ${said(deployed.status)}`);

let last;
for await (const event of client.sendMessageStream(message(`scale ${name} to 2`))) {
  if (event.payload?.$case === "statusUpdate") {
    last = event.payload.value.status;
    console.log(`  ${stateName(last.state)}: ${said(last)}`);
  }
}
if (last?.state !== TaskState.TASK_STATE_COMPLETED) throw new Error("scale did not complete");

const got = await client.getTask({ id: deployed.id, historyLength: 10, tenant: "" });
expectState(got, TaskState.TASK_STATE_COMPLETED, "get");
console.log(`got: ${got.id} with ${got.history.length} messages`);

const asked = await client.sendMessage(message(`delete ${name}`));
expectState(asked, TaskState.TASK_STATE_INPUT_REQUIRED, "delete");
console.log(`asked: ${said(asked.status)}`);
const deleted = await client.sendMessage(message("yes", { taskId: asked.id }));
expectState(deleted, TaskState.TASK_STATE_COMPLETED, "confirm");
console.log(`deleted: ${said(deleted.status)}`);

try {
  await client.cancelTask({ id: deleted.id, tenant: "", metadata: undefined });
  throw new Error("a finished task was canceled");
} catch (e) {
  if (!/cancel/i.test(e.message)) throw e;
  console.log(`cancel refused: ${e.constructor.name}`);
}
console.log("ok");
