// The coordinator's map of visits (Leaflet, bundled). Tiles come from MAP_TILE_URL when the
// deployment sets one; without it the points are drawn on a blank background.
(function () {
  "use strict";
  var el = document.getElementById("visit-map");
  var data = document.getElementById("visit-points");
  if (!el || !data || typeof L === "undefined") return;
  var points = JSON.parse(data.textContent);
  var map = L.map(el, { attributionControl: Boolean(el.dataset.tiles) });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lng], {
      radius: 7, color: p.urgent ? "#b00020" : "#005493", fillOpacity: 0.7,
    }).addTo(map);
    marker.bindTooltip(p.due + " · " + p.status);
    bounds.push([p.lat, p.lng]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  else map.setView([13.75, 100.5], 6);  // Thailand
})();
