// The volunteer's visit pages work on a bad connection: a form marked data-offline is sent
// with fetch; when that fails (or the phone is offline) it is kept in IndexedDB, photos
// included, and sent when the phone is back online. Each submit carries the phone's clock
// and a random id, so a late or repeated send records the right time and only once.
(function () {
  "use strict";
  var DB = "onestop-outbox";
  var STORE = "forms";
  var box = document.querySelector("[data-outbox]");
  var t = {
    th: {
      saved: "บันทึกไว้ในโทรศัพท์แล้ว จะส่งให้อัตโนมัติเมื่อกลับมาออนไลน์",
      sending: "กำลังส่งข้อมูลที่บันทึกไว้…",
      refused: "ระบบไม่รับข้อมูลที่บันทึกไว้ กรุณากรอกใหม่",
      signin: "กรุณาเข้าสู่ระบบอีกครั้ง ข้อมูลที่บันทึกไว้จะส่งหลังจากนั้น",
    },
    en: {
      saved: "Saved on this phone. It will be sent when you are back online.",
      sending: "Sending what was saved…",
      refused: "The saved report was refused. Please fill it in again.",
      signin: "Please sign in again; what was saved is sent after that.",
    },
  }[document.documentElement.lang === "en" ? "en" : "th"];

  function say(text) {
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }

  function db() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "id" });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function store(mode, work) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var tx = conn.transaction(STORE, mode);
        var req = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(req ? req.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function fields(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) { out.push([name, value]); });
    return out;
  }

  function body(entries) {
    var data = new FormData();
    entries.forEach(function (pair) {
      if (pair[1] instanceof Blob) {
        if (pair[1].size) data.append(pair[0], pair[1], pair[1].name || "photo.jpg");
      } else {
        data.append(pair[0], pair[1]);
      }
    });
    return data;
  }

  function post(url, entries) {
    return fetch(url, { method: "POST", body: body(entries), credentials: "same-origin" });
  }

  // A session that ended answers with the sign-in page: that is not a delivery.
  function signedOut(res) {
    return res.redirected && new URL(res.url).pathname.indexOf("/accounts/login/") === 0;
  }

  function flush() {
    if (!navigator.onLine) return Promise.resolve();
    return store("readonly", function (s) { return s.getAll(); }).then(function (items) {
      if (!items || !items.length) return;
      say(t.sending);
      var refused = false;
      var stop = false;
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          if (stop) return;
          return post(item.url, item.fields).then(function (res) {
            if (signedOut(res)) {
              stop = true;  // kept: sent after the volunteer signs in again
              return;
            }
            if (!res.ok) refused = true;
            return store("readwrite", function (s) { return s.delete(item.id); });
          });
        });
      }, Promise.resolve()).then(function () {
        if (stop) say(t.signin);
        else if (refused) say(t.refused);
        else window.location.reload();
      });
    }).catch(function () { /* still offline: the next "online" event tries again */ });
  }

  function keep(form, entries, id) {
    return store("readwrite", function (s) {
      return s.put({ id: id, url: form.action, fields: entries, savedAt: Date.now() });
    }).then(function () { say(t.saved); });
  }

  // The phone's position, asked for once the page opens, goes into every check-in form.
  var geoForms = document.querySelectorAll("[data-geolocate-form]");
  if (geoForms.length && navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (pos) {
      geoForms.forEach(function (form) {
        form.elements.lat.value = pos.coords.latitude.toFixed(6);
        form.elements.lng.value = pos.coords.longitude.toFixed(6);
      });
    }, function () { /* no permission or no fix: the visit is recorded without a position */ },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  document.querySelectorAll("form[data-offline]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.elements.at) form.elements.at.value = new Date().toISOString();
      if (form.elements.submit_id && !form.elements.submit_id.value) {
        form.elements.submit_id.value = self.crypto.randomUUID();
      }
      var id = form.elements.submit_id ? form.elements.submit_id.value : String(Date.now());
      var entries = fields(form);
      if (!navigator.onLine) {
        keep(form, entries, id);
        return;
      }
      post(form.action, entries).then(function (res) {
        if (signedOut(res)) {
          return keep(form, entries, id).then(function () { window.location.assign(res.url); });
        }
        return res.text().then(function (html) {
          if (res.ok) {
            window.location.assign(res.url);
          } else {
            document.open();
            document.write(html);
            document.close();
          }
        });
      }).catch(function () { keep(form, entries, id); });
    });
  });

  window.addEventListener("online", flush);
  flush();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/my/" }).catch(function () {});
  }
})();
