// Check-in at the door: scan the ticket's QR with the phone's camera where the browser has a
// barcode reader (BarcodeDetector); the typed code below always works as the fallback.
(function () {
  "use strict";
  var start = document.querySelector("[data-scanner-start]");
  var form = document.querySelector("[data-check-in-form]");
  if (!start || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  start.hidden = false;
  start.addEventListener("click", function () {
    var box = document.querySelector("[data-scanner]");
    var video = document.querySelector("[data-scanner-video]");
    var status = document.querySelector("[data-scanner-status]");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    box.hidden = false;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.play();
      function tick() {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            form.elements.code.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(tick);
          }
        }).catch(function () { window.requestAnimationFrame(tick); });
      }
      tick();
    }).catch(function (err) {
      status.textContent = String(err && err.name || err);
    });
  });
})();
