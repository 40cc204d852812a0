// Judges a pass on the device, the way the server does (accreditation/signing.py and gate.py), so a gate keeps
// working when the network drops: the token's Ed25519 signature is checked with WebCrypto against the office's
// public keys, its dates against today in Almaty, and the pass against the cached list of withdrawn passes; a
// pass number typed by hand is looked up in the cached roster. The token's byte layout is in signing.py.
// The server still judges every scan when it is uploaded: what it says is final.
(function (root) {
  "use strict";
  var FORMAT = 1, HEADER = 16, SIGNATURE = 64, MAX_NUMBER = 20;
  var EPOCH = Date.UTC(2000, 0, 1), DAY = 86400000;
  var NUMBER = /^A-?(\d{4})-?(\d{1,7})(?:\/(\d{1,5}))?$/;  // A-2026-00042, or A-2026-00042/2 from the 2nd issue
  var dayParts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Almaty", year: "numeric", month: "2-digit", day: "2-digit"
  });
  var clock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Almaty", hour: "2-digit", minute: "2-digit", hour12: false
  });

  function Refused(code, payload) { this.code = code; this.payload = payload || null; }

  // The date in Almaty as "YYYY-MM-DD", comparable as text.
  function almatyDay(date) {
    var parts = {};
    dayParts.formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function almatyTime(date) { return clock.format(date); }

  function unb64url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) { throw new Refused("malformed"); }
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) { padded += "="; }
    var binary = atob(padded), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  function isoDay(days) { return new Date(EPOCH + days * DAY).toISOString().slice(0, 10); }

  // {payload, data, signature} without checking the signature; Refused("malformed") when it is no token.
  function decode(token) {
    var halves = token.trim().split(".");
    if (halves.length !== 2) { throw new Refused("malformed"); }
    var data = unb64url(halves[0]), signature = unb64url(halves[1]);
    if (signature.length !== SIGNATURE || data.length <= HEADER || data.length > HEADER + MAX_NUMBER) {
      throw new Refused("malformed");
    }
    var view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getUint8(0) !== FORMAT) { throw new Refused("malformed"); }
    var number = "";
    for (var i = HEADER; i < data.length; i += 1) {
      if (data[i] < 0x20 || data[i] > 0x7e) { throw new Refused("malformed"); }
      number += String.fromCharCode(data[i]);
    }
    return {
      data: data,
      signature: signature,
      payload: {
        kid: view.getUint8(1),
        passId: view.getUint32(2),
        serial: view.getUint16(6),
        eventId: view.getUint32(8),
        validFrom: isoDay(view.getUint16(12)),
        validUntil: isoDay(view.getUint16(14)),
        number: number
      }
    };
  }

  // A Map of key id to CryptoKey, or null when this browser cannot verify Ed25519 (or the page is not secure).
  function importKeys(jwks) {
    if (!root.crypto || !root.crypto.subtle) { return Promise.resolve(null); }
    return Promise.all(jwks.map(function (jwk) {
      var bare = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
      return root.crypto.subtle.importKey("jwk", bare, { name: "Ed25519" }, false, ["verify"])
        .then(function (key) { return [Number(jwk.kid), key]; });
    })).then(function (pairs) { return new Map(pairs); }, function () { return null; });
  }

  // The payload of a genuine token; Refused with signing.py's codes. Dates are judged after the signature.
  function verify(token, keys, today) {
    var decoded;
    try { decoded = decode(token); } catch (refused) { return Promise.reject(refused); }
    var payload = decoded.payload, key = keys.get(payload.kid);
    if (!key) { return Promise.reject(new Refused("unknown_key")); }
    return root.crypto.subtle.verify({ name: "Ed25519" }, key, decoded.signature, decoded.data).then(function (ok) {
      if (!ok) { throw new Refused("forged"); }
      if (today < payload.validFrom) { throw new Refused("not_yet_valid", payload); }
      if (today > payload.validUntil) { throw new Refused("expired", payload); }
      return payload;
    });
  }

  // {number: "A-2026-00042", issue: 2 or null} from a number typed by hand, or null when it is none.
  function normalNumber(text) {
    var match = NUMBER.exec(text.toUpperCase().replace(/ /g, ""));
    if (!match) { return null; }
    var sequence = String(parseInt(match[2], 10));
    while (sequence.length < 5) { sequence = "0" + sequence; }
    return { number: "A-" + match[1] + "-" + sequence, issue: match[3] ? parseInt(match[3], 10) : null };
  }

  // gate._judge on the device: the withdrawn list, the serial, the dates, the event, then this device's memory.
  function judge(found, context) {
    var entry = context.withdrawn(found.passId, found.number);
    if (entry && (entry.status === "suspended" || entry.status === "revoked")) { return { result: "refused", code: entry.status }; }
    if (entry && found.serial !== null && found.serial < entry.serial) { return { result: "refused", code: "reissued" }; }
    if (found.typed) {  // the issue typed after "/" (null without one) against the issue this device knows
      var known = entry ? entry.serial : 1;
      if (found.serial === null && known > 1) { return { result: "refused", code: "issue_needed" }; }
      if (found.serial !== null && found.serial > known) { return { result: "pending" }; }  // issued after the lists
    }
    if ((entry && entry.status === "expired") || context.today > found.validUntil) { return { result: "refused", code: "expired" }; }
    if (context.today < found.validFrom) { return { result: "refused", code: "not_yet_valid" }; }
    if (found.eventId && found.eventId !== context.event) { return { result: "refused", code: "wrong_event" }; }
    if (!context.event) {  // a building's entrance admits the standing passes of its own units only
      var place = context.entrance(found.passId, found.number);
      if (place === "other") { return { result: "refused", code: "other_unit" }; }
      if (place !== "listed") { return { result: "pending" }; }  // issued after the roster was made
    }
    var first = context.firstScan(found.passId);
    if (first) { return { result: "already", firstAt: first }; }
    return { result: "admitted" };
  }

  // What a gate can say without the server about what was read: a verdict with the pass it names, if any.
  // ``context``: {keys (Map or null), today, event, roster(id, number) → face, withdrawn(id, number), firstScan(id),
  // entrance(id, number) → "listed" (on the roster), "other" (another unit's pass) or "unknown"}.
  function judgeLocally(text, context) {
    var typed = normalNumber(text);
    if (typed !== null) {
      var number = typed.number, face = context.roster(null, number), entry = context.withdrawn(null, number);
      if (!face) {
        if (entry && (entry.status === "suspended" || entry.status === "revoked")) {
          return Promise.resolve({ result: "refused", code: entry.status, passId: entry.id, number: number });
        }
        if (!context.event && context.entrance(null, number) === "other") {
          return Promise.resolve({ result: "refused", code: "other_unit", number: number });
        }
        return Promise.resolve({ result: "pending", number: number });
      }
      var found = {
        passId: face.id, number: face.number, serial: typed.issue, typed: true, eventId: face.event || 0,
        validFrom: face.valid_from, validUntil: face.valid_until
      };
      return Promise.resolve(Object.assign(judge(found, context), { passId: face.id, number: face.number, face: face }));
    }
    if (!context.keys) {
      try { decode(text); } catch (refused) { return Promise.resolve({ result: "refused", code: refused.code }); }
      return Promise.resolve({ result: "pending" });
    }
    return verify(text, context.keys, context.today).then(function (payload) {
      var found = {
        passId: payload.passId, number: payload.number, serial: payload.serial, eventId: payload.eventId,
        validFrom: payload.validFrom, validUntil: payload.validUntil
      };
      return Object.assign(judge(found, context), {
        passId: payload.passId, number: payload.number, face: context.roster(payload.passId, payload.number)
      });
    }, function (refused) {
      if (!(refused instanceof Refused)) { return { result: "pending" }; }
      var named = refused.payload;
      if (!named) { return { result: "refused", code: refused.code, passId: null, number: null, face: null }; }
      // A genuine token refused by its dates: the pass's status and a newer issue come first, as on the server
      // (a card printed for an event's old date is "replaced"); judge() ends with the same date refusal otherwise.
      var found = {
        passId: named.passId, number: named.number, serial: named.serial, eventId: named.eventId,
        validFrom: named.validFrom, validUntil: named.validUntil
      };
      return Object.assign(judge(found, context), {
        passId: named.passId, number: named.number, face: context.roster(named.passId, named.number)
      });
    });
  }

  root.PressdeskCheckin = {
    almatyDay: almatyDay, almatyTime: almatyTime, decode: decode, importKeys: importKeys,
    verify: verify, judgeLocally: judgeLocally, normalNumber: normalNumber
  };
})(window);
