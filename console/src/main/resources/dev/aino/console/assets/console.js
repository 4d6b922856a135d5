// aino console: htmx set-up, JSON bodies, CSRF header, live-region care, log follow.
(function () {
  "use strict";
  // Every answer is swapped, errors too: the server renders them for the page.
  htmx.config.responseHandling = [{ code: "204", swap: false }, { code: ".*", swap: true }];

  // Bodies as JSON: aino refuses form bodies on every route, so no other site's form can write.
  htmx.defineExtension("json-body", {
    onEvent: function (name, evt) {
      if (name === "htmx:configRequest" && evt.detail.verb !== "get") {
        evt.detail.headers["Content-Type"] = "application/json";
      }
    },
    encodeParameters: function (xhr, parameters) {
      xhr.overrideMimeType("text/json");
      var body = {};
      parameters.forEach(function (value, key) { body[key] = value; });
      return JSON.stringify(body);
    }
  });

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  document.addEventListener("htmx:configRequest", function (evt) {
    evt.detail.headers["X-CSRF-Token"] = csrf();
  });

  // A live region is not re-rendered under someone typing in it, nor while a request made from
  // inside it is in flight (its answer would find its form gone); it catches up afterwards.
  var busy = 0;
  function held(region) {
    var active = document.activeElement;
    return busy > 0 || (region.contains(active) && active.matches("input, select, textarea"));
  }
  function catchUp(region) {
    if (region && region.dataset.stale && !held(region)) {
      delete region.dataset.stale;
      setTimeout(function () { htmx.trigger(region, "sse:change"); }, 0);
    }
  }
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var elt = evt.detail.elt;
    if (elt.classList && elt.classList.contains("live")) {
      if (held(elt)) { evt.preventDefault(); elt.dataset.stale = "1"; }
    } else if (elt.closest && elt.closest(".live")) {
      busy++;
    }
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var elt = evt.detail.elt;
    if (!(elt.classList && elt.classList.contains("live")) && elt.closest && elt.closest(".live")) {
      busy = Math.max(0, busy - 1);
      setTimeout(function () { catchUp(document.querySelector(".live[data-stale]")); }, 0);
    }
  });
  document.addEventListener("focusout", function (evt) {
    var region = evt.target.closest && evt.target.closest(".live");
    if (region && !(evt.relatedTarget && region.contains(evt.relatedTarget))) {
      setTimeout(function () { catchUp(region); }, 0);
    }
  });

  // The live dot: green while the event stream is open.
  document.addEventListener("htmx:sseOpen", function () { setDot("on"); });
  document.addEventListener("htmx:sseError", function () { setDot("off"); });
  function setDot(state) {
    var dot = document.getElementById("live-dot");
    if (dot) { dot.dataset.state = state; dot.title = state === "on" ? "Live" : "Reconnecting"; }
  }

  // Create page tabs.
  document.addEventListener("click", function (evt) {
    var tab = evt.target.closest && evt.target.closest('[role="tab"]');
    if (!tab) { return; }
    tab.parentElement.querySelectorAll('[role="tab"]').forEach(function (t) {
      var selected = t === tab;
      t.setAttribute("aria-selected", selected ? "true" : "false");
      document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
    });
  });

  // Ask aino: continue the conversation the engine answered in.
  document.addEventListener("htmx:afterSwap", function () {
    var answers = document.querySelectorAll("[data-conversation]");
    var hidden = document.getElementById("ask-conversation");
    if (answers.length && hidden) { hidden.value = answers[answers.length - 1].dataset.conversation; }
  });

  // Logs: follow one instance or all through the REST API's line stream; pause; download.
  function setUpLogs() {
    var controls = document.querySelector(".log-controls");
    if (!controls) { return; }
    var pre = document.getElementById("log");
    var select = document.getElementById("log-instance");
    var followButton = document.getElementById("log-follow");
    var pauseButton = document.getElementById("log-pause");
    var MAX_FOLLOWED = 3;
    var streams = [];
    var paused = false;
    var held = [];

    function stop() {
      streams.forEach(function (c) { c.abort(); });
      streams = [];
      followButton.setAttribute("aria-pressed", "false");
    }
    function append(text) {
      if (paused) { held.push(text); return; }
      pre.textContent += text + "\n";
      if (pre.textContent.length > 400000) { pre.textContent = pre.textContent.slice(-300000); }
      pre.scrollTop = pre.scrollHeight;
    }
    function follow(id, prefix) {
      var controller = new AbortController();
      streams.push(controller);
      fetch("/api/v1/instances/" + encodeURIComponent(id) + "/logs?follow=true&tail=200",
            { signal: controller.signal, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            return response.json().then(function (e) { append((prefix || "") + "(" + e.message + ")"); });
          }
          var reader = response.body.getReader();
          var decoder = new TextDecoder();
          var buffer = "";
          function pump() {
            return reader.read().then(function (chunk) {
              if (chunk.done) { return; }
              buffer += decoder.decode(chunk.value, { stream: true });
              var lines = buffer.split("\n");
              buffer = lines.pop();
              lines.forEach(function (line) {
                if (!line.trim()) { return; }
                var parsed = JSON.parse(line);
                if (parsed.text !== undefined) { append((prefix || "") + parsed.text); }
                else if (parsed.message) { append((prefix || "") + "(" + parsed.message + ")"); }
              });
              return pump();
            });
          }
          return pump();
        })
        .catch(function () { /* aborted or the server went away */ });
    }
    function start() {
      stop();
      pre.textContent = "";
      followButton.setAttribute("aria-pressed", "true");
      var ids = select.value ? [select.value]
        : Array.prototype.slice.call(select.options).map(function (o) { return o.value; }).filter(Boolean);
      if (!ids.length) { pre.textContent = "(no instances)\n"; }
      // A browser keeps six connections to a server: the page's event stream and its requests need
      // some, so "all" follows the first MAX_FOLLOWED instances and says so.
      if (ids.length > MAX_FOLLOWED) {
        append("(following the first " + MAX_FOLLOWED + " of " + ids.length + " instances; pick one to see another)");
        ids = ids.slice(0, MAX_FOLLOWED);
      }
      ids.forEach(function (id) { follow(id, ids.length > 1 ? id + " | " : ""); });
    }
    followButton.addEventListener("click", function () {
      if (followButton.getAttribute("aria-pressed") === "true") { stop(); } else { start(); }
    });
    pauseButton.addEventListener("click", function () {
      paused = !paused;
      pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
      pauseButton.textContent = paused ? "Resume" : "Pause";
      if (!paused) { var lines = held; held = []; lines.forEach(append); }
    });
    select.addEventListener("change", start);
    document.getElementById("log-download").addEventListener("click", function (evt) {
      var name = controls.dataset.workload + (select.value ? "-" + select.value : "") + ".log";
      evt.currentTarget.download = name;
      evt.currentTarget.href = URL.createObjectURL(new Blob([pre.textContent], { type: "text/plain" }));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpLogs);
  } else {
    setUpLogs();
  }
})();
