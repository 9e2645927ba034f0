// services.html's own script, a file rather than inline: the page's Content-Security-Policy allows no inline script.
// One service at a time in <cab-service>: the one in the address (?service=svc_…), the one
// opened in the list, or the one just ordered. The links work without this script too.
const service = document.querySelector("cab-service");
const panel = document.getElementById("service");
function show(id, push) {
  service.setAttribute("service-id", id);
  if (push) history.pushState({ service: id }, "", "?service=" + encodeURIComponent(id));
  panel.scrollIntoView({ block: "start" });
  panel.focus({ preventScroll: true });
}
const initial = new URLSearchParams(location.search).get("service");
if (initial) service.setAttribute("service-id", initial);
window.addEventListener("popstate", () => {
  const id = new URLSearchParams(location.search).get("service");
  if (id) service.setAttribute("service-id", id);
  else service.removeAttribute("service-id");
});
document.addEventListener("cab-service-selected", (event) => {
  event.preventDefault(); // no page load: the widget on this page shows it
  show(event.detail.service.id, true);
});
document.addEventListener("cab-service-ordered", (event) => {
  const [first] = event.detail.order.services;
  if (first) {
    service.setAttribute("service-id", first.id);
    history.pushState({ service: first.id }, "", "?service=" + encodeURIComponent(first.id));
  }
});
