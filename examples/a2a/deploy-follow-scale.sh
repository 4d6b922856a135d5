#!/usr/bin/env bash
# The same as deploy-follow-scale.mjs with curl and jq: another agent (or a script) deploys a
# workload over A2A 1.0, follows it to completion, scales it while streaming the progress, answers
# a question, cancels a deployment that cannot finish and deletes with confirmation.
#
#   AINO_URL=http://127.0.0.1:7070 AINO_TOKEN=... ./deploy-follow-scale.sh [name]
set -euo pipefail

url=${AINO_URL:-http://127.0.0.1:7070}
name=${1:-a2a-curl}
auth=()
if [[ -n ${AINO_TOKEN:-} ]]; then
  auth=(-H "Authorization: Bearer $AINO_TOKEN")
fi

# One JSON-RPC call to /a2a; prints the response.
rpc() { # method params-json [curl options...]
  local method=$1 params=$2
  shift 2
  curl -sS --fail-with-body "$@" "$url/a2a" "${auth[@]}" \
    -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' \
    -d "$(jq -n --arg m "$method" --argjson p "$params" \
      '{jsonrpc: "2.0", id: 1, method: $m, params: $p}')"
}

# SendMessage params for a sentence: say TEXT [TASK-ID] [CONTEXT-ID] [CONFIRM].
say() {
  jq -n --arg text "$1" --arg task "${2:-}" --arg context "${3:-}" --arg confirm "${4:-}" \
    '{message: ({messageId: (now | tostring), role: "ROLE_USER", parts: [{text: $text}]}
      + (if $task != "" then {taskId: $task} else {} end)
      + (if $context != "" then {contextId: $context} else {} end)
      + (if $confirm != "" then {metadata: {confirm: true}} else {} end))}'
}

# Fails with the task's own words unless it is in the expected state.
expect() { # response state what
  local state
  state=$(jq -r '.result.task.status.state // .result.status.state // .error.message' <<<"$1")
  if [[ $state != "$2" ]]; then
    echo "$3: expected $2, got $state: $(jq -c . <<<"$1")" >&2
    exit 1
  fi
}
said() { jq -r '(.result.task // .result).status.message.parts[0].text' <<<"$1"; }

card=$(curl -sS --fail-with-body "$url/.well-known/agent-card.json")
echo "card: $(jq -r '.name + " " + .version + ", skills " + ([.skills[].id] | join(", "))' <<<"$card")"

# 1. Deploy; a blocking send returns once every replica runs.
r=$(rpc SendMessage "$(say "run 2 copies of busybox:1.36 called $name with 16 MiB each")")
expect "$r" TASK_STATE_COMPLETED deploy
echo "deployed: $(said "$r") (spec: $(jq -r '.result.task.artifacts[0].parts[1].data | "\(.replicas) x \(.image)"' <<<"$r"))"

# 2. Scale, streaming the task's updates (server-sent events, one JSON-RPC response each).
last=""
while IFS= read -r line; do
  [[ $line == data:* ]] || continue
  event=${line#data: }
  status=$(jq -r '.result.statusUpdate.status // empty | "\(.state): \(.message.parts[0].text)"' <<<"$event")
  if [[ -n $status ]]; then
    echo "  $status"
    last=${status%%:*}
  fi
done < <(rpc SendStreamingMessage "$(say "scale $name to 3")" -N)
[[ $last == TASK_STATE_COMPLETED ]] || { echo "scale did not complete ($last)" >&2; exit 1; }

# 3. A vague request: aino asks, and the answer with the same taskId continues the task.
context=$(cat /proc/sys/kernel/random/uuid)
r=$(rpc SendMessage "$(say "scale to 1" "" "$context")")
expect "$r" TASK_STATE_INPUT_REQUIRED "vague scale"
echo "asked: $(said "$r")"
task=$(jq -r .result.task.id <<<"$r")
r=$(rpc SendMessage "$(say "$name" "$task" "$context")")
expect "$r" TASK_STATE_COMPLETED answer
echo "answered: $(said "$r")"

# 4. A deployment no node can hold: return at once, then cancel; aino says what was applied.
params=$(say "run 1 copy of busybox:1.36 called $name-huge with 900000 MiB" | jq '.configuration = {returnImmediately: true}')
r=$(rpc SendMessage "$params")
expect "$r" TASK_STATE_WORKING "huge deploy"
r=$(rpc CancelTask "$(jq -n --arg id "$(jq -r .result.task.id <<<"$r")" '{id: $id}')")
expect "$r" TASK_STATE_CANCELED cancel
echo "canceled: $(said "$r")"

# 5. Delete, confirmed in the message's metadata.
for w in "$name" "$name-huge"; do
  r=$(rpc SendMessage "$(say "delete $w" "" "" yes)")
  expect "$r" TASK_STATE_COMPLETED "delete $w"
  echo "deleted: $(said "$r")"
done
echo ok
