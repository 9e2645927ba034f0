// billing.html's own script, a file rather than inline: the page's Content-Security-Policy allows no inline script.
document.addEventListener("cab-payment-settled", (event) => {
  console.info("[northwind] payment", event.detail.payment.id, event.detail.payment.status);
});
