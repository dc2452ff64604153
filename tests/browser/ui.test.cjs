// Browser steps of the web UI test, driven by tests/e2e/browser.rs (which starts `lotse
// serve` with the sample corpus and passes everything in environment variables):
//
//   LOTSE_URL         the server, e.g. http://127.0.0.1:40123
//   LOTSE_CHROMIUM    Chromium executable (Debian: /usr/bin/chromium)
//   LOTSE_PROFILE     a fresh, empty folder for Chromium's profile
//   LOTSE_ARTIFACTS   where the screenshots go (artifacts/browser)
//   LOTSE_QUESTION    a question of corpus/eval the server answers with a citation
//   LOTSE_QUOTE       the quote of that answer's first citation
//   LOTSE_DOCX        a valid Word document to upload
//   LOTSE_BROKEN_PDF  a damaged PDF to upload
//   LOTSE_USER, LOTSE_PASSWORD  an account that may read and write `allgemein` only
//   LOTSE_HIDDEN      a word only a document of another collection (`personal`) contains
//
// Needs playwright-core (scripts/setup.sh installs it; NODE_PATH points at it). Every step
// checks what a person would see and saves a screenshot; the first failed check ends the
// run with exit code 1.
"use strict";

const path = require("node:path");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const URL = env("LOTSE_URL");
const OUT = env("LOTSE_ARTIFACTS");
const QUESTION = env("LOTSE_QUESTION");
const QUOTE = env("LOTSE_QUOTE");
const DOCX = env("LOTSE_DOCX");
const PDF = env("LOTSE_BROKEN_PDF");
const USER = env("LOTSE_USER");
const PASSWORD = env("LOTSE_PASSWORD");
const HIDDEN = env("LOTSE_HIDDEN");
const FOLLOW_UP = "Und was gilt, wenn ich das nicht beachte?";

const step = (name) => console.log(`--- ${name}`);

async function main() {
  // a fresh profile folder; no network beyond the local server
  const context = await chromium.launchPersistentContext(env("LOTSE_PROFILE"), {
    executablePath: env("LOTSE_CHROMIUM"),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1440, height: 900 },
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    deviceScaleFactor: 1,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // the browser logs every 4xx response (the rejected upload, the busy server) itself
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.setDefaultTimeout(60_000);
  const shot = (name) => page.screenshot({ path: path.join(OUT, `${name}.png`) });

  try {
    step("01 the page loads, offline, in German");
    const external = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(URL) && !r.url().startsWith("data:")) external.push(r.url());
    });
    await page.goto(URL);
    assert.equal(await page.getAttribute("html", "lang"), "de");

    step("00 sign in: the server requires it; a wrong password is refused in German");
    await page.waitForSelector("#login-view", { state: "visible" });
    assert.equal(await page.isVisible("#main"), false, "nothing but the login before signing in");
    await page.fill("#login-name", USER);
    await page.fill("#login-password", "falsches-passwort");
    await page.click("#login-button");
    await page.waitForSelector("#login-error", { state: "visible" });
    assert.match(await page.textContent("#login-error"), /stimmen nicht/);
    await shot("00-login");
    await page.fill("#login-password", PASSWORD);
    await page.click("#login-button");
    await page.waitForSelector("#main", { state: "visible" });
    assert.equal((await page.textContent("#user-name")).trim(), USER);
    await page.waitForFunction(() => /Dokument/.test(document.querySelector("#server-status").textContent));
    const collections = await page.$$eval("#collection-options input", (els) => els.map((e) => e.value));
    assert.deepEqual(collections, ["allgemein"], "only the user's collections are offered");
    assert.equal((await page.content()).includes(HIDDEN), false);
    await page.waitForSelector("#ai-notice");
    assert.match(await page.textContent("#ai-notice"), /prüfen/);
    assert.equal(await page.locator("#examples .example").count() > 0, true);
    await shot("01-start");

    step("02 a question from corpus/eval is answered with citation chips");
    await page.fill("#question", QUESTION);
    await page.keyboard.press("Enter");
    await page.waitForSelector(".msg-user .bubble");
    const answer = page.locator(".answer:not(.pending)").last();
    await answer.locator(".answer-text button.cite").first().waitFor();
    assert.equal(await answer.evaluate((n) => n.classList.contains("abstained")), false);
    assert.equal(await answer.evaluate((n) => n.classList.contains("error")), false);
    const chips = await answer.locator(".answer-text button.cite").count();
    assert.ok(chips >= 1, "at least one citation chip");
    assert.ok((await answer.locator(".sources li").count()) >= 1, "a source list");
    await shot("02-answer");
    await answer.locator("button", { hasText: "Antwort mit Quellen kopieren" }).click();
    await page.waitForSelector("#toast:not([hidden])");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /Quellen:\n\[1\] /, "the copy lists the sources");
    assert.ok(copied.replace(/\s+/g, " ").includes(QUOTE.replace(/\s+/g, " ")), "with the quote");
    await page.waitForSelector("#toast", { state: "hidden" });

    step("03 the chip opens the cited passage with the quote marked");
    await answer.locator(".answer-text button.cite").first().click();
    const dialog = page.locator("#source-dialog");
    await dialog.waitFor({ state: "visible" });
    const marked = (await dialog.locator("#source-passage mark").textContent()).replace(/\s+/g, " ").trim();
    assert.equal(marked, QUOTE.replace(/\s+/g, " ").trim(), "the marked text is the citation's quote");
    assert.ok((await dialog.locator("#source-title").textContent()).trim().length > 0, "a document title");
    assert.match(await dialog.locator("#source-meta").textContent(), /Stand/);
    const href = await dialog.locator("#source-open").getAttribute("href");
    assert.match(href, /^\/api\/documents\/[0-9a-f]+\/file/);
    const file = await page.request.get(URL + href.split("#")[0]);
    assert.equal(file.status(), 200, "the original file can be opened");
    assert.ok((await file.body()).length > 100);
    await shot("03-source");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // keyboard: the focus is back on the chip, and Enter opens the passage again
    assert.equal(await page.evaluate(() => document.activeElement.className), "cite");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    step("04 demo mode shows keyword and vector ranks, fusion and timings");
    await page.click("label.switch");
    await page.waitForSelector("#demo-panel:not([hidden])");
    await page.waitForSelector(".kw-list tbody tr");
    await page.waitForSelector(".vec-list tbody tr");
    const kwRanks = await page.locator(".kw-list tbody tr td:first-child").allTextContents();
    const vecRanks = await page.locator(".vec-list tbody tr td:first-child").allTextContents();
    assert.deepEqual(kwRanks.slice(0, 3), ["1", "2", "3"].slice(0, Math.min(3, kwRanks.length)));
    assert.deepEqual(vecRanks.slice(0, 3), ["1", "2", "3"].slice(0, Math.min(3, vecRanks.length)));
    const vecScore = Number((await page.locator(".vec-list tbody tr td:nth-child(2)").first().textContent()).replace(",", "."));
    assert.ok(vecScore > 0 && vecScore <= 1, `a cosine similarity, not ${vecScore}`);
    assert.ok((await page.locator(".fused-list tbody tr").count()) >= 1, "the fused ranking");
    // the fusion is described as the server ran it (default: DBSF, keyword list at 0.5)
    assert.match(await page.textContent("#demo-body"), /Score-Fusion \(DBSF\)/);
    assert.match(await page.textContent("#demo-body"), /Gewicht 0,5/);
    assert.ok((await page.locator(".fused-list .badge.green").count()) >= 1, "the cited passage is marked");
    assert.match(await page.textContent(".timing-list"), /Gesamt/);
    await shot("04-demo");
    // further down the panel: context, prompt and time per stage
    await page.evaluate(() => {
      const panel = document.querySelector("#demo-panel");
      panel.scrollTop = panel.scrollHeight;
    });
    await shot("04b-demo-context-timings");

    step("05 a follow-up keeps the conversation");
    await page.fill("#question", FOLLOW_UP);
    await page.click("#ask-button");
    await page.waitForFunction(() => document.querySelectorAll(".answer:not(.pending)").length >= 2);
    assert.equal(await page.locator(".msg-user").count(), 2);
    await page.waitForSelector(".fused-list tbody tr");
    await page.waitForSelector(".kw-list tbody tr");
    assert.match(await page.textContent("#demo-query"), /Gesprächsverlauf/, "the rewritten query is shown");
    await shot("05-followup");
    // the same on a projector's full-HD screen
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot("05-followup-1920x1080");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click("label.switch"); // demo off again
    await page.waitForSelector("#demo-panel", { state: "hidden" });

    step("06 the document list");
    await page.click("#tab-docs");
    await page.waitForSelector("#docs-body tr");
    const before = await page.locator("#docs-body tr").count();
    assert.ok(before >= 6, `the sample corpus is listed (${before})`);
    await page.check("#show-all");
    assert.equal(await page.locator("#docs-body tr").count(), before, "all collections: still only allgemein");
    assert.equal((await page.content()).includes(HIDDEN), false, "another collection's document is never listed");
    await page.uncheck("#show-all");
    const uploadTargets = await page.$$eval("#doc-collection option", (els) => els.map((e) => e.value));
    assert.deepEqual(uploadTargets, ["allgemein"], "uploads only into a collection the user may change");
    await shot("06-documents");

    step("07 upload a DOCX and a broken PDF, one progress bar and result each");
    await page.setInputFiles("#file-input", [DOCX, PDF]);
    const docxItem = page.locator(`.upload-item[data-file="${path.basename(DOCX)}"]`);
    const pdfItem = page.locator(`.upload-item[data-file="${path.basename(PDF)}"]`);
    await page.locator(`.upload-item.ok[data-file="${path.basename(DOCX)}"]`).waitFor();
    await page.locator(`.upload-item.failed[data-file="${path.basename(PDF)}"]`).waitFor();
    assert.match(await docxItem.locator(".result").textContent(), /Aufgenommen: \d+ Passage/);
    const rejected = await pdfItem.textContent();
    assert.match(rejected, /Abgelehnt:/);
    assert.match(rejected, /beschädigt oder keine gültige PDF-Datei/, "the reason is shown");
    assert.match(rejected, /Technische Angabe: .+\(corrupt\)/, "with the server's detail");
    await page.waitForFunction((n) => document.querySelectorAll("#docs-body tr").length === n + 1, before);
    const row = page.locator("#docs-body tr", { hasText: "Merkblatt Fundsachen im Rathaus" });
    await row.waitFor();
    assert.match(await row.textContent(), /DOCX/);
    assert.match(await row.textContent(), /15\.09\.2026/, "the Stand date is listed");
    // and a file dropped onto the drop zone
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      const text = "# Hinweise Dienstzeiten\n\n## Gleitzeit\n\nDie Rahmenarbeitszeit reicht von 6 bis 20 Uhr. Die Kernzeit endet freitags um 12 Uhr.\n";
      dt.items.add(new File([text], "hinweise-dienstzeiten.md", { type: "text/markdown" }));
      return dt;
    });
    await page.dispatchEvent("#dropzone", "drop", { dataTransfer: dropped });
    await page.locator('.upload-item.ok[data-file="hinweise-dienstzeiten.md"]').waitFor();
    await page.locator("#docs-body tr", { hasText: "Hinweise Dienstzeiten" }).waitFor();
    await shot("07-upload");

    step("08 a busy server: a friendly message, nothing lost from the chat");
    await page.click("#tab-chat");
    const answersBefore = await page.locator(".answer:not(.error)").count();
    await page.route("**/api/ask", (route) => route.fulfill({
      status: 429,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "overloaded", message: "the server is busy" } }),
    }));
    await page.fill("#question", "Wo finde ich das Fundbuch?");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".answer.error");
    assert.match(await page.textContent(".answer.error"), /ausgelastet/);
    assert.equal(await page.locator(".answer:not(.error)").count(), answersBefore, "earlier answers stay");
    assert.equal(await page.locator(".msg-user").count(), 3, "the question stays");
    await page.unroute("**/api/ask");
    await shot("08-busy");

    step("09 retry after the busy moment, the uploaded document answers");
    await page.click(".answer.error button:has-text('Erneut versuchen')");
    await page.waitForFunction(() => !document.querySelector(".answer.error") && !document.querySelector(".answer.pending"));
    assert.equal(await page.locator(".msg-user").count(), 3);

    step("09b generated answers without a language model: the server's no_generator, in German");
    await page.selectOption("#answer-mode", "generative");
    await page.fill("#question", "Wie lange werden Fundsachen aufbewahrt?");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".answer.error");
    assert.match(await page.textContent(".answer.error"), /kein Sprachmodell eingerichtet/);
    assert.equal(await page.locator(".msg-user").count(), 4);
    await shot("09-no-language-model");
    await page.selectOption("#answer-mode", "");

    step("10 replace a document by a file of another name, then delete the uploads");
    await page.click("#tab-docs");
    const chooser = page.waitForEvent("filechooser");
    await row.locator("button", { hasText: "Ersetzen" }).click();
    await (await chooser).setFiles({
      name: "merkblatt-fundsachen-2027.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Merkblatt Fundsachen 2027\n\n## Aufbewahrung\n\nFundsachen werden ab 2027 zwölf Monate aufbewahrt.\n"),
    });
    await page.locator('.upload-item.ok[data-file="merkblatt-fundsachen-2027.md"]').waitFor();
    await page.locator("#docs-body tr", { hasText: "Merkblatt Fundsachen 2027" }).waitFor();
    await page.waitForFunction(() => !/Merkblatt Fundsachen im Rathaus/.test(document.querySelector("#docs-body").textContent));
    assert.equal(await page.locator("#docs-body tr").count(), before + 2, "replaced, not added");
    await shot("10-replaced");
    for (const title of ["Merkblatt Fundsachen 2027", "Hinweise Dienstzeiten"]) {
      const count = await page.locator("#docs-body tr").count();
      await page.locator("#docs-body tr", { hasText: title }).locator("button", { hasText: "Löschen" }).click();
      await page.click("#confirm-ok");
      await page.waitForFunction((n) => document.querySelectorAll("#docs-body tr").length === n - 1, count);
    }
    assert.equal(await page.locator("#docs-body tr").count(), before);

    assert.deepEqual(external, [], "nothing is loaded from outside");
    assert.deepEqual(problems, [], "no script errors");
    console.log("all browser steps passed");
  } catch (e) {
    await shot("failure").catch(() => {});
    console.error(e);
    if (problems.length) console.error(problems.join("\n"));
    process.exitCode = 1;
  } finally {
    await context.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
