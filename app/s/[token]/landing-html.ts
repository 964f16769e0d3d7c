import type { ShareLanding } from "@/lib/shares/open";

// The share link's landing page as plain HTML: no React and no script, so it answers fast under
// load (bench:share) and works in any browser a doctor happens to use. The form posts back to the
// same address. It looks like the rest of Carrier (same colours, type and focus ring).

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#f6f8f7;color:#1a2b32;font:18px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{background:#fff;border-bottom:1px solid #d5dee0;padding:12px 20px;font-weight:700;font-size:20px;color:#0a474d}
main{max-width:40rem;margin:0 auto;padding:32px 20px 64px}
h1{font-size:30px;line-height:1.2;margin:0 0 12px}
p{margin:0 0 16px}
.lead{color:#4b5d66}
figure{margin:0 0 24px;border:2px solid #d5dee0;border-radius:8px;padding:16px;background:#fff}
figcaption{font-weight:600}
blockquote{margin:4px 0 0;white-space:pre-line}
form{display:flex;flex-direction:column;gap:8px;max-width:28rem}
label{font-weight:600}
.hint{color:#4b5d66;margin:0}
input{min-height:48px;font:inherit;border:2px solid #7b8c93;border-radius:8px;padding:0 12px;background:#fff;color:#1a2b32}
button{margin-top:12px;min-height:48px;font:inherit;font-weight:600;border:0;border-radius:8px;padding:0 20px;background:#0e5a61;color:#fff;cursor:pointer;align-self:flex-start}
button:hover{background:#0a474d}
:focus-visible{outline:3px solid #2346b0;outline-offset:2px}
.alert{border:2px solid rgba(179,38,30,.4);background:#fdecea;color:#8c1d18;border-radius:8px;padding:16px;font-weight:500;margin:0 0 20px}
`;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)} · Carrier</title>
<style>${STYLE}</style>
</head>
<body>
<header>Carrier</header>
<main>
${body}
</main>
</body>
</html>
`;
}

const UNTIL = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

export const ENDED_HTML = page(
  "This link has ended",
  `<h1>This link has ended</h1>
<p class="lead">The link has expired, or the person who shared it turned it off.</p>
<p>Ask the person who sent you the link to share the images again. They can make a new link in Carrier in a minute.</p>`,
);

export function lockedHtml(until: Date): string {
  return page(
    "This link is locked for now",
    `<h1>This link is locked for now</h1>
<p class="lead">Too many wrong answers were entered. Try again after ${escape(UNTIL.format(until))}. The person who shared it has been told.</p>`,
  );
}

/** The check: the PIN the patient sent separately, or the patient's birth date. `error` is the last answer's outcome. */
export function checkHtml(landing: Extract<ShareLanding, { state: "check" }>, error?: string): string {
  const invalid = error ? ' aria-invalid="true"' : "";
  const field =
    landing.check === "PIN"
      ? `<label for="answer">PIN</label>
<p id="answer-hint" class="hint">The patient sent you a PIN separately, by text or phone. It has 6 digits.</p>
<input id="answer" name="answer" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="answer-hint"${invalid}>`
      : `<label for="answer">The patient's date of birth</label>
<p id="answer-hint" class="hint">Ask the patient if you do not know it.</p>
<input id="answer" name="answer" type="date" required aria-describedby="answer-hint"${invalid}>`;
  return page(
    "Medical images shared with you",
    `<h1>Medical images shared with you</h1>
<p class="lead">A patient shared their images with ${escape(landing.recipientName)} through Carrier.</p>
${landing.message ? `<figure><figcaption>Their message</figcaption><blockquote>${escape(landing.message)}</blockquote></figure>` : ""}
${error ? `<div class="alert" role="alert">${escape(error)}</div>` : ""}
<form method="post" novalidate>
${field}
<button type="submit">Open the images</button>
</form>`,
  );
}
