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
