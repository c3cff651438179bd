// Runs at the top of <body>, before the page paints: tells GOV.UK Frontend's styles that
// JavaScript is available. An external file, because the Content-Security-Policy allows no
// inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
