// Another agent drives aino over A2A 1.0 with the official JavaScript SDK (@a2a-js/sdk):
// it reads aino's agent card, deploys a workload and follows the task until every replica runs,
// scales it while streaming the progress, is asked which workload a vague request means and
// answers, confirms a delete, and cancels a deployment that cannot finish.
//
//   AINO_URL=http://127.0.0.1:7070 AINO_TOKEN=... node deploy-follow-scale.mjs [name]
import { randomUUID } from "node:crypto";
import { Role, TaskState } from "@a2a-js/sdk";
import {
  ClientFactory,
  ClientFactoryOptions,
  JsonRpcTransportFactory,
} from "@a2a-js/sdk/client";

const base = process.env.AINO_URL ?? "http://127.0.0.1:7070";
const token = process.env.AINO_TOKEN;
const name = process.argv[2] ?? "a2a-demo";

// Every call but the public agent card needs aino's bearer token, when it has one.
function withToken(url, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

const factory = new ClientFactory(
  ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ fetchImpl: withToken })],
  }),
);
const client = await factory.createFromUrl(base);
const card = await client.getAgentCard();
console.log(`card: ${card.name} ${card.version}, skills ${card.skills.map((s) => s.id).join(", ")}`);

function message(text, { taskId, contextId, confirm } = {}) {
  return {
    message: {
      messageId: randomUUID(),
      role: Role.ROLE_USER,
      parts: [{ content: { $case: "text", value: text } }],
      taskId: taskId ?? "",
      contextId: contextId ?? "",
      metadata: confirm ? { confirm: true } : undefined,
      extensions: [],
      referenceTaskIds: [],
    },
  };
}

const stateName = (s) => TaskState[s];
const said = (status) =>
  status?.message?.parts
    ?.filter((p) => p.content?.$case === "text")
    .map((p) => p.content.value)
    .join(" ") ?? "";

function expectState(task, state, what) {
  if (task.status?.state !== state) {
    throw new Error(`${what}: expected ${stateName(state)}, got ${stateName(task.status?.state)}: ${said(task.status)}`);
  }
}

// 1. Deploy and wait: a blocking send returns once every replica runs.
const deployed = await client.sendMessage(
  message(`run 2 copies of busybox:1.36 called ${name} with 16 MiB each`),
);
expectState(deployed, TaskState.TASK_STATE_COMPLETED, "deploy");
const spec = deployed.artifacts[0].parts.find((p) => p.content?.$case === "data").content.value;
console.log(`deployed: ${said(deployed.status)} (spec: ${spec.replicas} x ${spec.image})`);

// 2. Scale and follow the task's updates as they stream.
let last;
for await (const event of client.sendMessageStream(message(`scale ${name} to 3`))) {
  const p = event.payload ?? event;
  if (p.$case === "statusUpdate") {
    last = p.value.status;
    console.log(`  ${stateName(last.state)}: ${said(last)}`);
  } else if (p.$case === "task") {
    console.log(`  task ${p.value.id}: ${stateName(p.value.status.state)}`);
  }
}
if (last?.state !== TaskState.TASK_STATE_COMPLETED) throw new Error("scale did not complete");

// 3. A vague request: aino asks, the answer with the same taskId continues the task.
const context = randomUUID();
const asked = await client.sendMessage(message("scale to 1", { contextId: context }));
expectState(asked, TaskState.TASK_STATE_INPUT_REQUIRED, "vague scale");
console.log(`asked: ${said(asked.status)}`);
const answered = await client.sendMessage(message(name, { taskId: asked.id, contextId: context }));
expectState(answered, TaskState.TASK_STATE_COMPLETED, "answer");
console.log(`answered: ${said(answered.status)}`);

// 4. A deployment that cannot finish (no node has the memory): cancel says what was applied.
const huge = await client.sendMessage({
  ...message(`run 1 copy of busybox:1.36 called ${name}-huge with 900000 MiB`),
  configuration: { acceptedOutputModes: [], returnImmediately: true, taskPushNotificationConfig: undefined },
});
expectState(huge, TaskState.TASK_STATE_WORKING, "huge deploy");
const canceled = await client.cancelTask({ id: huge.id, tenant: "", metadata: undefined });
expectState(canceled, TaskState.TASK_STATE_CANCELED, "cancel");
console.log(`canceled: ${said(canceled.status)}`);

// 5. Deleting asks for confirmation; the metadata confirms it in one go.
for (const w of [name, `${name}-huge`]) {
  const gone = await client.sendMessage(message(`delete ${w}`, { confirm: true }));
  expectState(gone, TaskState.TASK_STATE_COMPLETED, `delete ${w}`);
  console.log(`deleted: ${said(gone.status)}`);
}

// 6. The tasks of this context, from aino's task list.
const listed = await client.listTasks({
  contextId: context,
  status: TaskState.TASK_STATE_UNSPECIFIED, // any state
  pageSize: 10,
});
console.log(`tasks in context: ${listed.tasks.map((t) => stateName(t.status.state)).join(", ")}`);
console.log("ok");
