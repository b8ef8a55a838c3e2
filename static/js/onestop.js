// Progressive enhancement only: every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // A new province empties the sub-district list until a district is chosen.
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  const clears = source && source.dataset ? source.dataset.clears : null;
  if (clears) {
    const target = document.querySelector(clears);
    if (target) {
      target.innerHTML = '<option value="">---------</option>';
    }
  }
});

// "Use my location" on the help form: fills the hidden lat/lng fields. Hidden without JS.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-geolocate]");
  if (!button || !("geolocation" in navigator)) {
    return;
  }
  const status = document.querySelector("[data-geolocate-status]");
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        document.getElementById("id_lat").value = pos.coords.latitude.toFixed(6);
        document.getElementById("id_lng").value = pos.coords.longitude.toFixed(6);
        if (status) {
          status.textContent = "✓ " + pos.coords.latitude.toFixed(4) + ", " + pos.coords.longitude.toFixed(4);
        }
      },
      () => {
        if (status) {
          status.textContent = "✗";
        }
      },
      { enableHighAccuracy: true, timeout: 10000 },
    );
  });
});

// Signing out clears the visit pages a volunteer's phone kept for offline use (they hold a
// client's first name and address). Unsent reports stay in the outbox until sent or refused.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-sign-out]") || !("caches" in window)) return;
  event.preventDefault();
  caches.delete("onestop-visits-v1").finally(() => form.submit());
});
