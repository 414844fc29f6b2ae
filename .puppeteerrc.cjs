// Puppeteer (which Ace by DAISY, a development tool, brings) must never download a browser: the tests use
// Debian's Chromium. Read by Puppeteer's install script and at run time, whatever the environment says.
module.exports = { skipDownload: true, executablePath: '/usr/bin/chromium' };
