// The demo panel page names the server it was opened for (`?server=web-01`), as text.
{
  const server = new URLSearchParams(location.search).get("server");
  if (server) document.getElementById("server").textContent = server;
}
