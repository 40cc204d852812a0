// The check-in page with JavaScript: each pass entered or scanned is judged on the device at once (see
// checkin-verify.js), queued with its own nonce, the device's time and the gate, and uploaded to the server, which
// judges it again and counts it once. The queue, the cached lists and the memory of passes admitted here live in
// localStorage, per staff member, so a network drop (or a reload) loses nothing; uploads are retried with backoff.
// A shared device keeps only the lists and memory of the staff member at the page: another's are removed when
// the page opens, one's own on signing out; scans not yet sent stay with whoever made them until they are sent.
// Without JavaScript the same form is posted to the server and answered there.
(function () {
  "use strict";
  var verifier = window.PressdeskCheckin;
  var node = document.getElementById("checkin-config");
  var form = document.getElementById("checkin-form");
  if (!verifier || !node || !form || !window.fetch || !window.localStorage || !window.Map) { return; }
  var config = JSON.parse(node.textContent), M = config.messages;
  var input = form.elements.presented, csrf = form.elements.csrfmiddlewaretoken.value;
  var resultBox = document.getElementById("checkin-result");
  var connection = document.getElementById("checkin-connection");
  var log = document.getElementById("checkin-log");
  var ROOT = "pressdesk.checkin.", prefix = ROOT + config.user + ".";
  var BATCH = 50, MAX_DELAY = 30000, REFRESH = 60000;
  var leaving = false;

  function load(name, fallback) {
    try { var value = JSON.parse(localStorage.getItem(prefix + name)); return value === null ? fallback : value; }
    catch (error) { return fallback; }
  }
  function save(name, value) {
    if (leaving && name !== "queue") { return; }  // signed out: only unsent scans are kept
    try { localStorage.setItem(prefix + name, JSON.stringify(value)); } catch (error) { /* full: kept in memory */ }
  }
  function unsent(key) {
    if (key.slice(-".queue".length) !== ".queue") { return false; }
    try { var queue = JSON.parse(localStorage.getItem(key)); return Array.isArray(queue) && queue.length > 0; }
    catch (error) { return false; }
  }
  // Remove this page's stored keys except those ``keep`` names.
  function clearStored(keep) {
    try {
      var doomed = [];
      for (var i = 0; i < localStorage.length; i += 1) {
        var key = localStorage.key(i);
        if (key && key.indexOf(ROOT) === 0 && !keep(key)) { doomed.push(key); }
      }
      doomed.forEach(function (key) { localStorage.removeItem(key); });
    } catch (error) { /* storage unavailable: nothing kept to clear */ }
  }
  clearStored(function (key) { return key.indexOf(prefix) === 0 || unsent(key); });  // another's lists and memory
  var signout = document.querySelector('form[action="' + config.urls.signout + '"]');
  if (signout) {
    signout.addEventListener("submit", function () {
      leaving = true;
      clearStored(function (key) { return key.indexOf(prefix) !== 0 || unsent(key); });
    });
  }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) { return name in values ? values[name] : whole; });
  }
  function index(list, field) {
    var map = new Map();
    (list || []).forEach(function (item) { map.set(item[field], item); });
    return map;
  }
  function nonce() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  var state = {
    keys: null,
    revocations: load("revocations", null),
    roster: load("roster." + config.post, null),
    queue: load("queue", []),
    memory: load("memory", {}),
    online: navigator.onLine,
    signedOut: false,
    syncing: false,
    delay: 0,
    timer: null,
    shown: null,
    rows: {}
  };
  var lists = {};
  function reindex() {
    var revocations = state.revocations || {}, roster = state.roster || {};
    lists.withdrawnById = index(revocations.passes, "id");
    lists.withdrawnByNumber = index(revocations.passes, "number");
    lists.rosterById = index(roster.passes, "id");
    lists.rosterByNumber = index(roster.passes, "number");
    lists.elsewhereById = index(roster.elsewhere, "id");
    lists.elsewhereByNumber = index(roster.elsewhere, "number");
  }
  reindex();

  // Where "already checked in" is counted: the event, or (standing passes at an entrance) the gate and the day.
  function scope(today) { return config.event ? "event:" + config.event : "gate:" + config.gate + ":" + today; }
  // Passes admitted here are remembered for two days: long enough for any event, short enough to stay small.
  function forget() {
    var horizon = new Date(Date.now() - 2 * 86400000).toISOString();
    Object.keys(state.memory).forEach(function (key) {
      var here = state.memory[key];
      Object.keys(here).forEach(function (id) { if (here[id] < horizon) { delete here[id]; } });
      if (!Object.keys(here).length) { delete state.memory[key]; }
    });
  }
  function remember(passId, at, today) {
    if (!passId) { return; }
    var moment = new Date(at).toISOString();  // one form, so that times compare as text
    var here = state.memory[scope(today)] = state.memory[scope(today)] || {};
    if (!here[passId] || moment < here[passId]) { here[passId] = moment; }
    save("memory", state.memory);
  }

  function context(today) {
    function face(id, number) {
      return (id && lists.rosterById.get(id)) || (number && lists.rosterByNumber.get(number)) || null;
    }
    return {
      keys: state.keys,
      today: today,
      event: config.event,
      roster: face,
      withdrawn: function (id, number) {
        var entry = (id && lists.withdrawnById.get(id)) || (number && lists.withdrawnByNumber.get(number));
        if (entry) { return entry; }
        var known = face(id, number);  // the roster's own status stands in until the list is loaded
        return known ? { id: known.id, status: known.status, serial: known.serial } : null;
      },
      firstScan: function (id) { return (state.memory[scope(today)] || {})[id] || null; },
      entrance: function (id, number) {
        if (face(id, number)) { return "listed"; }
        if ((id && lists.elsewhereById.get(id)) || (number && lists.elsewhereByNumber.get(number))) { return "other"; }
        return "unknown";
      }
    };
  }

  // --- what the gate sees -----------------------------------------------------------------------------------

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined && text !== null) { made.textContent = text; }
    return made;
  }
  var ICONS = { admitted: "✓", already: "!", refused: "✗", invalid: "✗", pending: "…" };

  function messageOf(verdict) {
    if (verdict.message) { return verdict.message; }
    if (verdict.result === "admitted") { return M.admitted; }
    if (verdict.result === "already") { return fill(M.already, { time: verdict.firstTime }); }
    if (verdict.result === "pending") { return state.online && !state.signedOut ? M.pending_online : M.pending_offline; }
    return M[verdict.code] || M.malformed;
  }

  function holder(face, number) {
    var box = element("div", "holder"), facts = element("dl", "holder-facts");
    if (face && face.photo && state.online) {
      var photo = element("img", "holder-photo");
      photo.src = face.photo;
      photo.alt = fill(M.photo_of, { name: face.name });
      photo.width = 150;
      photo.height = 200;
      box.appendChild(photo);
    }
    function fact(label, value, className) {
      facts.appendChild(element("dt", className ? "visually-hidden" : "", label));
      facts.appendChild(element("dd", className || "", value));
    }
    if (face) {
      fact(M.name, face.name, "holder-name");
      fact(M.outlet, face.outlet);
      fact(M.number, face.number);
      fact(M.valid_until, face.valid_until_text);
    } else {
      fact(M.number, number);
    }
    box.appendChild(facts);
    if (!face) { box.appendChild(element("p", "verdict-note", M.unknown_holder)); }
    return box;
  }

  function show(key, verdict, fromServer) {
    state.shown = key;
    var result = verdict.result;
    var box = element("div", "verdict verdict-" + result);
    box.setAttribute("data-result", result);
    box.setAttribute("data-source", fromServer ? "server" : "device");
    if (verdict.code) { box.setAttribute("data-refusal", verdict.code); }
    var word = element("p", "verdict-word");
    word.appendChild(element("span", "verdict-icon", ICONS[result]));
    word.lastChild.setAttribute("aria-hidden", "true");
    word.appendChild(document.createTextNode(" " + (M["word_" + result] || M.word_refused)));
    box.appendChild(word);
    box.appendChild(element("p", "verdict-message", messageOf(verdict)));
    var note = fromServer ? M.checked_server : (result === "pending" ? null : M.checked_here);
    if (note) { box.appendChild(element("p", "verdict-note", note)); }
    if (verdict.face || verdict.number) { box.appendChild(holder(verdict.face, verdict.number)); }
    resultBox.replaceChildren(box);
    box.scrollIntoView({ block: "nearest" });
  }

  function logRow(item, verdict, uploaded) {
    var row = state.rows[item.nonce];
    if (!row) {
      row = state.rows[item.nonce] = document.createElement("tr");
      log.querySelector("tbody").prepend(row);
      log.hidden = false;
    }
    var cells = [
      verifier.almatyTime(new Date(item.scanned_at)),
      verdict.number || (verdict.face && verdict.face.number) || "—",
      M["word_" + verdict.result] || M.word_refused,
      uploaded ? M.uploaded : M.queued
    ];
    row.replaceChildren.apply(row, cells.map(function (text) { return element("td", "", text); }));
  }

  function renderStatus() {
    var parts = [state.online ? M.online : M.offline, fill(M.waiting, { count: state.queue.length })];
    if (state.signedOut) { parts.push(M.signed_out); }
    if (state.revocations && state.revocations.fetchedAt) {
      parts.push(fill(M.list_time, { time: verifier.almatyTime(new Date(state.revocations.fetchedAt)) }));
    } else {
      parts.push(M.no_list);
    }
    if (!state.keys) { parts.push(M.no_crypto); }
    connection.textContent = parts.join(" ");
    connection.classList.toggle("is-offline", !state.online || state.signedOut);
    connection.setAttribute("data-waiting", String(state.queue.length));
    connection.setAttribute("data-online", state.online ? "yes" : "no");
    connection.setAttribute("data-roster", String(lists.rosterById.size));  // what this device can judge offline
    connection.setAttribute("data-withdrawn", String(lists.withdrawnById.size));
    connection.setAttribute("data-elsewhere", String(lists.elsewhereById.size));
    connection.hidden = false;
  }

  function setOnline(online) {
    if (state.online !== online) { state.online = online; }
    renderStatus();
  }

  // --- scans and uploads ------------------------------------------------------------------------------------

  function scan(text) {
    var now = new Date(), today = verifier.almatyDay(now);
    var item = {
      nonce: nonce(), presented: text.slice(0, 600), event: config.event, gate: config.gate,
      scanned_at: now.toISOString()
    };
    state.queue = load("queue", state.queue);  // another tab of this page may have added to it
    state.queue.push(item);
    save("queue", state.queue);
    forget();
    return verifier.judgeLocally(text, context(today)).then(function (verdict) {
      if (verdict.result === "admitted") { remember(verdict.passId, item.scanned_at, today); }
      if (verdict.result === "already") { verdict.firstTime = verifier.almatyTime(new Date(verdict.firstAt)); }
      verdict.number = verdict.number || (verdict.face && verdict.face.number) || null;
      show(item.nonce, verdict, false);
      logRow(item, verdict, false);
      renderStatus();
      flush();
    });
  }

  function answered(item, answer) {
    var verdict = {
      result: answer.result, code: answer.refusal, message: answer.result === "invalid"
        ? fill(M.not_recorded, { reason: answer.message }) : answer.message,
      face: answer.pass, number: answer.pass ? answer.pass.number : null, firstTime: answer.first_time
    };
    var today = verifier.almatyDay(new Date(item.scanned_at));
    if (answer.pass && (answer.result === "admitted" || answer.result === "already") && item.event === config.event &&
        item.gate === config.gate) {
      remember(answer.pass.id, answer.first_at || answer.scanned_at, today);
    }
    if (state.shown === item.nonce) { show(item.nonce, verdict, true); }
    logRow(item, verdict, answer.result !== "invalid");
  }

  function retry() {
    state.syncing = false;
    state.delay = Math.min(state.delay ? state.delay * 2 : 2000, MAX_DELAY);
    state.timer = window.setTimeout(flush, state.delay + Math.random() * 500);
    renderStatus();
  }

  function flush() {
    if (state.syncing || !state.queue.length) { renderStatus(); return; }
    state.syncing = true;
    window.clearTimeout(state.timer);
    var batch = state.queue.slice(0, BATCH);
    fetch(config.urls.sync, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ scans: batch })
    }).then(function (response) {
      setOnline(true);
      state.signedOut = response.type === "opaqueredirect" || response.status === 403;
      if (!response.ok) { throw new Error("upload answered " + response.status); }
      return response.json();
    }).then(function (body) {
      var done = {};
      body.results.forEach(function (answer, i) { done[batch[i].nonce] = true; answered(batch[i], answer); });
      state.queue = load("queue", state.queue).filter(function (item) { return !done[item.nonce]; });
      save("queue", state.queue);
      state.syncing = false;
      state.delay = 0;
      renderStatus();
      if (state.queue.length) { flush(); } else { refresh(); }
    }).catch(function (error) {
      if (error instanceof TypeError) { setOnline(false); }
      retry();
    });
  }

  // --- the lists a gate keeps -------------------------------------------------------------------------------

  function getJSON(url, headers) {
    return fetch(url, { credentials: "same-origin", redirect: "manual", headers: Object.assign({ "Accept": "application/json" }, headers || {}) })
      .then(function (response) {
        setOnline(true);
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error(url + " answered " + response.status); }
        return response.json().then(function (body) { return { body: body, etag: response.headers.get("ETag") }; });
      });
  }

  function refresh() {
    var known = state.revocations && state.revocations.etag;
    var revocations = getJSON(config.urls.revocations, known ? { "If-None-Match": known } : {}).then(function (got) {
      if (got) { state.revocations = Object.assign(got.body, { etag: got.etag }); }
      if (state.revocations) { state.revocations.fetchedAt = new Date().toISOString(); }
      save("revocations", state.revocations);
    });
    var roster = getJSON(config.urls.roster).then(function (got) {
      if (got) { state.roster = got.body; save("roster." + config.post, state.roster); }
    });
    var keys = getJSON(config.urls.keys).then(function (got) {
      if (got && JSON.stringify(got.body.keys) !== JSON.stringify(config.keys)) {
        config.keys = got.body.keys;
        return verifier.importKeys(config.keys).then(function (imported) { state.keys = imported; });
      }
    });
    // Each list stands on its own: a roster that cannot be fetched must not keep a fresh revocation list unused.
    var settled = [revocations, roster, keys].map(function (promise) {
      return promise.then(function () { return null; }, function (error) { return error; });
    });
    return Promise.all(settled).then(function (errors) {
      reindex();
      if (errors.some(function (error) { return error instanceof TypeError; })) { setOnline(false); }
      renderStatus();
    });
  }

  // --- the camera, where the browser reads QR codes itself ---------------------------------------------------

  function camera() {
    var box = document.getElementById("checkin-camera");
    if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    var toggle = document.getElementById("checkin-camera-toggle"), video = document.getElementById("checkin-video");
    var stream = null, detector = null, last = "", lastAt = 0;
    function look() {
      if (!stream) { return; }
      detector.detect(video).then(function (codes) {
        var value = codes.length ? codes[0].rawValue : "";
        if (value && (value !== last || Date.now() - lastAt > 4000)) { last = value; lastAt = Date.now(); scan(value); }
      }).catch(function () { /* a frame that could not be read */ }).then(function () { window.setTimeout(look, 250); });
    }
    function stop() {
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
      video.hidden = true;
      toggle.textContent = M.camera_start;
    }
    toggle.addEventListener("click", function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (opened) {
        stream = opened;
        detector = detector || new window.BarcodeDetector({ formats: ["qr_code"] });
        video.srcObject = stream;
        video.hidden = false;
        toggle.textContent = M.camera_stop;
        return video.play().then(look);
      }).catch(function () {
        stop();
        if (!box.querySelector(".error-message")) { toggle.after(element("p", "error-message", M.camera_denied)); }
      });
    });
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      box.hidden = formats.indexOf("qr_code") < 0;
    }, function () { /* no reader: manual entry only */ });
  }

  // --- start ------------------------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    var text = input.value.trim();
    if (!text) { return; }  // the server answers an empty form with its error
    event.preventDefault();
    input.value = "";
    input.focus({ preventScroll: true });
    scan(text);
  });
  window.addEventListener("online", function () { state.delay = 0; setOnline(true); flush(); refresh(); });
  window.addEventListener("offline", function () { setOnline(false); });
  verifier.importKeys(config.keys || []).then(function (imported) {
    state.keys = imported;
    renderStatus();
    flush();
    refresh();
  });
  window.setInterval(function () { if (state.online) { refresh(); } }, REFRESH);
  camera();
})();
