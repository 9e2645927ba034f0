// services.html's own script, a file rather than inline: the page's Content-Security-Policy allows no inline script.
// One service at a time in <cab-service>: the one in the address (?service=svc_…), the one
// opened in the list, or the one just ordered. The links work without this script too.
// Once a service is chosen its panel moves to the top of the column: on a phone it opens in
// view, not thousands of pixels below the order form and the list.
const service = document.querySelector("cab-service");
const panel = document.getElementById("service");
function choose(id) {
  if (id && panel.previousElementSibling) panel.parentElement.prepend(panel);
  if (id) service.setAttribute("service-id", id);
  else service.removeAttribute("service-id");
}
function show(id, push) {
  choose(id);
  if (push) history.pushState({ service: id }, "", "?service=" + encodeURIComponent(id));
  panel.scrollIntoView({ block: "start", behavior: "instant" });
  panel.focus({ preventScroll: true });
}
const initial = new URLSearchParams(location.search).get("service");
if (initial) {
  show(initial, false);
  // The widgets above it grow once the session is known (the sign-in box becomes "Signed in as
  // …"): bring the service back into view then, unless the client has scrolled meanwhile.
  const scrolledTo = scrollY;
  document.addEventListener(
    "cab-signed-in",
    () => requestAnimationFrame(() => Math.abs(scrollY - scrolledTo) < 2 && panel.scrollIntoView({ block: "start", behavior: "instant" })),
    { once: true },
  );
}
window.addEventListener("popstate", () => choose(new URLSearchParams(location.search).get("service")));
document.addEventListener("cab-service-selected", (event) => {
  event.preventDefault(); // no page load: the widget on this page shows it
  show(event.detail.service.id, true);
});
document.addEventListener("cab-service-ordered", (event) => {
  const [first] = event.detail.order.services;
  if (first) {
    choose(first.id);
    history.pushState({ service: first.id }, "", "?service=" + encodeURIComponent(first.id));
  }
});
