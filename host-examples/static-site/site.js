// Northwind's own script, on every page: the header shows who is signed in. The host page
// reacts to Cabinet's events like to any DOM event: they bubble and are composed, so
// `document` hears them. A classic script at the end of <body>: it runs before the widgets'
// module scripts, so it hears the first `cab-signed-in` (a session restored on load).
{
  const link = document.getElementById("account-link");
  const name = document.getElementById("account-name");
  const avatar = document.getElementById("account-avatar");
  const anonymousAvatar = avatar.innerHTML;
  document.addEventListener("cab-signed-in", (event) => {
    const user = event.detail.user;
    name.textContent = user.name;
    avatar.textContent = user.name.trim().charAt(0).toUpperCase();
    link.classList.add("is-signed-in");
    link.title = "Signed in as " + user.email;
  });
  // The client's own language (chosen in <cab-settings>, kept by Cabinet) wins over the page's
  // default — unless the language was already switched on this page.
  const config = document.querySelector("cab-config");
  const pageLocale = config && config.getAttribute("locale");
  document.addEventListener("cab-signed-in", (event) => {
    const locale = event.detail.user.locale;
    if (config && locale && locale !== pageLocale && config.getAttribute("locale") === pageLocale) config.setAttribute("locale", locale);
  });
  document.addEventListener("cab-signed-out", () => {
    name.textContent = "Client area";
    avatar.innerHTML = anonymousAvatar;
    link.classList.remove("is-signed-in");
    link.removeAttribute("title");
  });
}

// An invitation e-mail links to the site's home page (`/?invitation=…`): the team page, where
// <cab-users> shows the invitation, takes it from there.
if (location.pathname === "/" && new URLSearchParams(location.search).has("invitation")) {
  location.replace("/team.html" + location.search);
}

// The main menu on narrow screens: the header's button opens and closes it (CSS shows the
// menu while the button says aria-expanded="true"); Escape or following a link closes it.
{
  const toggle = document.getElementById("nav-toggle");
  const nav = document.getElementById("main-nav");
  const setOpen = (open) => toggle.setAttribute("aria-expanded", String(open));
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("click", (event) => {
    if (event.target.closest("a")) setOpen(false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
}
