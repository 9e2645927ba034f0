// support.html's own script, a file rather than inline: the page's Content-Security-Policy allows no inline script.
// One request at a time, beside the list: the address says which (?ticket=tkt_…), so a
// link from an e-mail or a notification opens it, and Back goes to the previous one.
const ticket = document.querySelector("cab-ticket");
const ticketPanel = document.getElementById("ticket-panel");
// Once a request is chosen its panel moves to the top of the column: in view on a phone.
const showTicket = (id) => {
  if (id && ticketPanel.previousElementSibling) ticketPanel.parentElement.prepend(ticketPanel);
  if (id) ticket.setAttribute("ticket-id", id);
  else ticket.removeAttribute("ticket-id");
};
const openTicket = (id) => {
  const url = new URL(location.href);
  url.searchParams.set("ticket", id);
  history.pushState({ ticket: id }, "", url);
  showTicket(id);
  ticketPanel.focus();
  ticketPanel.scrollIntoView({ block: "start", behavior: "instant" });
};
const initialTicket = new URLSearchParams(location.search).get("ticket");
showTicket(initialTicket);
if (initialTicket) ticketPanel.scrollIntoView({ block: "start", behavior: "instant" });
window.addEventListener("popstate", () => showTicket(new URLSearchParams(location.search).get("ticket")));
document.addEventListener("cab-ticket-selected", (event) => {
  event.preventDefault(); // stay on the page: no reload for a request beside the list
  openTicket(event.detail.ticket.id);
});
document.addEventListener("cab-ticket-created", (event) => openTicket(event.detail.ticket.id));
