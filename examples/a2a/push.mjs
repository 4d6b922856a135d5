// Another agent has aino push a task's updates to its own webhook instead of holding a stream open,
// with the official JavaScript SDK (@a2a-js/sdk, A2A 1.0). It starts the webhook on loopback, sends
// a deployment whose configuration carries the push config, and collects what aino POSTs until the
// task completes; then it manages configs with the SDK's methods (create, get, list, delete).
// aino sends pushes only to hosts its operator allowed:
//
//   aino up --a2a-push-allowed-host 127.0.0.1 ...
//   AINO_URL=http://127.0.0.1:7070 AINO_TOKEN=... node push.mjs [name]
import http from "node:http";
import { randomUUID } from "node:crypto";
import { Role, TaskState } from "@a2a-js/sdk";
import {
  ClientFactory,
  ClientFactoryOptions,
  JsonRpcTransportFactory,
} from "@a2a-js/sdk/client";

const base = process.env.AINO_URL ?? "http://127.0.0.1:7070";
const token = process.env.AINO_TOKEN;
const name = process.argv[2] ?? "a2a-push-demo";

function withToken(url, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

const client = await new ClientFactory(
  ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ fetchImpl: withToken })],
  }),
).createFromUrl(base);
const card = await client.getAgentCard();
if (!card.capabilities?.pushNotifications) {
  throw new Error("aino sends no push notifications: start it with --a2a-push-allowed-host 127.0.0.1");
}

// 1. The webhook: every POST is kept with the token it carried.
const pushed = [];
const hook = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    pushed.push({ token: req.headers["x-a2a-notification-token"], body: JSON.parse(body) });
    res.writeHead(200).end();
  });
});
await new Promise((resolve) => hook.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${hook.address().port}/aino`;
console.log(`webhook: ${url}`);

const stateOf = (n) => n.task?.status?.state ?? n.statusUpdate?.status?.state;
async function until(done, what) {
  for (let waited = 0; !done(); waited += 100) {
    if (waited > 60_000) throw new Error(`no ${what} within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function message(text, metadata) {
  return {
    messageId: randomUUID(),
    role: Role.ROLE_USER,
    parts: [{ content: { $case: "text", value: text } }],
    taskId: "",
    contextId: "",
    metadata,
    extensions: [],
    referenceTaskIds: [],
  };
}

// 2. A deployment whose updates are pushed: the config rides on the send, which returns at once.
const task = await client.sendMessage({
  message: message(`run 2 copies of busybox:1.36 called ${name} with 16 MiB each`),
  configuration: {
    acceptedOutputModes: [],
    returnImmediately: true,
    taskPushNotificationConfig: {
      tenant: "",
      id: "deploy",
      taskId: "",
      url,
      token: "webhook-secret",
      authentication: undefined,
    },
  },
});
await until(
  () => pushed.some((n) => stateOf(n.body) === "TASK_STATE_COMPLETED"),
  "completed push",
);
if (pushed.some((n) => n.token !== "webhook-secret")) throw new Error("a push without the token");
const states = pushed.map((n) => stateOf(n.body) ?? "artifact").join(" > ");
console.log(`pushed for ${task.id}: ${states}`);
const spec = pushed.find((n) => n.body.artifactUpdate)?.body.artifactUpdate.artifact.parts[1].data;
console.log(`pushed spec: ${spec.replicas} x ${spec.image}`);

// 3. Configs through the SDK's methods.
await client.createTaskPushNotificationConfig({
  tenant: "",
  id: "audit",
  taskId: task.id,
  url: `${url}/audit`,
  token: "",
  authentication: { scheme: "Bearer", credentials: "audit-token" },
});
const got = await client.getTaskPushNotificationConfig({ tenant: "", taskId: task.id, id: "audit" });
console.log(`got: ${got.id} ${got.url} ${got.authentication.scheme}`);
const listed = await client.listTaskPushNotificationConfig({
  tenant: "",
  taskId: task.id,
  pageSize: 0,
  pageToken: "",
});
console.log(`configs: ${listed.configs.map((c) => c.id).join(", ")}`);
await client.deleteTaskPushNotificationConfig({ tenant: "", taskId: task.id, id: "audit" });
const left = await client.listTaskPushNotificationConfig({
  tenant: "",
  taskId: task.id,
  pageSize: 0,
  pageToken: "",
});
console.log(`after delete: ${left.configs.map((c) => c.id).join(", ")}`);

// 4. Clean up.
const gone = await client.sendMessage({ message: message(`delete ${name}`, { confirm: true }) });
if (gone.status?.state !== TaskState.TASK_STATE_COMPLETED) throw new Error("delete did not complete");
hook.close();
console.log("ok");
