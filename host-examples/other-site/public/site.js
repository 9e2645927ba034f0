// Orbit's own script (served from this site: the CSP allows no inline script). When the client
// signs out inside Cabinet's widgets, Orbit signs them out of its own site as well, which also
// ends their Cabinet sessions (see /sign-out in server.mjs).
document.addEventListener("cab-signed-out", (event) => {
  if (event.detail?.reason === "user") document.getElementById("sign-out")?.requestSubmit();
});
