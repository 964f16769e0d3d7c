// The words of Carrier's emails: short, plain, and honest about what to do if it was not you.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function layout(paragraphs: string[], action: { label: string; url: string }, after: string[]): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  return `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;font-size:17px;line-height:1.5;color:#1f2937;max-width:32rem;margin:0 auto;padding:24px">
${paragraphs.map(p).join("\n")}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0f5e5e;color:#ffffff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>
${after.map(p).join("\n")}
</body></html>`;
}

export function signInLinkEmail(url: string, minutes: number) {
  const intro = ["Hello,", "Use the button below to sign in to Carrier."];
  const outro = [
    `The link works once and for ${minutes} minutes.`,
    "If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.",
  ];
  return {
    subject: "Your Carrier sign-in link",
    text: `${intro.join("\n\n")}\n\nSign in: ${url}\n\n${outro.join("\n\n")}\n`,
    html: layout(intro, { label: "Sign in to Carrier", url }, outro),
  };
}

export function staffInvitationEmail(url: string, inviter: string, organization: string, days: number) {
  const intro = ["Hello,", `${inviter} invited you to work in Carrier for ${organization}.`, "Choose a password to finish setting up your account."];
  const outro = [`This link works once and for ${days} days.`, "If you did not expect this, you can ignore this email."];
  return {
    subject: "You are invited to Carrier",
    text: `${intro.join("\n\n")}\n\nSet your password: ${url}\n\n${outro.join("\n\n")}\n`,
    html: layout(intro, { label: "Set your password", url }, outro),
  };
}

export function shareOpenedEmail(recipient: string, when: string, url: string) {
  const intro = ["Hello,", `${recipient} opened the images you shared with them (${when}).`];
  const outro = ["If you did not expect this, turn the link off now on the page below.", "You can stop these emails for this link on the same page."];
  return {
    subject: "Your shared images were opened",
    text: `${intro.join("\n\n")}\n\nYour shared links: ${url}\n\n${outro.join("\n\n")}\n`,
    html: layout(intro, { label: "See your shared links", url }, outro),
  };
}

export function shareLockedEmail(recipient: string, until: string, url: string) {
  const intro = ["Hello,", `Someone entered a wrong PIN too many times for the link you shared with ${recipient}.`, `The link is locked until ${until}.`];
  const outro = ["If this was not them, turn the link off on the page below and make a new one."];
  return {
    subject: "A wrong PIN was entered for your shared images",
    text: `${intro.join("\n\n")}\n\nYour shared links: ${url}\n\n${outro.join("\n\n")}\n`,
    html: layout(intro, { label: "See your shared links", url }, outro),
  };
}

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export function shareInvitationEmail(share: { patientName: string; url: string; expiresAt: Date; message: string | null; check: "PIN" | "BIRTH_DATE" }) {
  const intro = [
    "Hello,",
    `${share.patientName} shared medical images with you through Carrier, for you to look at in your web browser.`,
    ...(share.message ? [`Their message: “${share.message}”`] : []),
    share.check === "PIN" ? "You need the PIN they send you separately, by text or phone." : "You need their date of birth to open the images.",
  ];
  const outro = [`The link works until ${LONG_DATE.format(share.expiresAt)}. Every time it is opened, the patient can see it.`, "If you did not expect this email, you can ignore it."];
  return {
    subject: `${share.patientName} shared medical images with you`,
    text: `${intro.join("\n\n")}\n\nOpen the images: ${share.url}\n\n${outro.join("\n\n")}\n`,
    html: layout(intro, { label: "Open the images", url: share.url }, outro),
  };
}
