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
