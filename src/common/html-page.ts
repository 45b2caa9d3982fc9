/** A small page for links in emails (password reset, reminder actions, email preferences): no JavaScript, no external resources, readable on a phone. */
export function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Keepwarm</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>`;
}

export function alert(message: string): string {
  return `<p role="alert" id="problem">${escapeHtml(message)}</p>`;
}

export function status(message: string): string {
  return `<p role="status">${escapeHtml(message)}</p>`;
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
