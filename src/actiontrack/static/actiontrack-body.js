// Loaded at the very start of <body>, before anything is drawn, as GOV.UK Frontend asks:
// the classes let its styles hide what only works with JavaScript until it can run.
// An external file rather than inline, so the Content-Security-Policy needs no 'unsafe-inline'.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
