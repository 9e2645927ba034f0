// Orbit's own script (served from this site: the CSP allows no inline script). When the client
// signs out inside Cabinet's widgets, Orbit signs them out of its own site as well, which also
// ends their Cabinet sessions (see /sign-out in server.mjs).
document.addEventListener("cab-signed-out", (event) => {
  if (event.detail?.reason === "user") document.getElementById("sign-out")?.requestSubmit();
});

// The client area's <cab-login> is there for a client with a second factor on, whose hand-off
// waits for the code; once the widgets are signed in, Orbit's own line above says who it is.
const cabinetLogin = document.getElementById("cabinet-login");
document.addEventListener("cab-signed-in", () => cabinetLogin && (cabinetLogin.hidden = true));
document.addEventListener("cab-signed-out", () => cabinetLogin && (cabinetLogin.hidden = false));
