// Remediation text is Markdown from the server. It is rendered SAFELY: every character is
// HTML-escaped first, then a tiny subset is turned into tags — paragraphs, numbered and bulleted
// lists, **bold**, `code` and [links](url) whose scheme is on an allow-list (the catalog's deep
// links such as x-apple.systempreferences: and ms-settings: included). Anything else stays text.

const ALLOWED_SCHEMES = /^(https?:|mailto:|x-apple\.systempreferences:|ms-settings:)/i;

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function inline(escaped) {
  // Code spans first, so their content is not touched by bold/link rules.
  const codes = [];
  let text = escaped.replace(/`([^`]+)`/g, (_, code) => `\u0000${codes.push(code) - 1}\u0000`);
  text = text.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label, url) => {
    const decoded = url.replace(/&amp;/g, '&');
    if (!ALLOWED_SCHEMES.test(decoded)) return label;
    const external = /^https?:/i.test(decoded);
    return `<a href="${url}"${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${label}</a>`;
  });
  return text.replace(/\u0000(\d+)\u0000/g, (_, i) => `<code>${codes[Number(i)]}</code>`);
}

/** Markdown subset → HTML string that is safe to assign to innerHTML. */
export function renderMarkdown(markdown) {
  const lines = escapeHtml(markdown).replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let list = null; // 'ol' | 'ul'
  let paragraph = [];
  const flushParagraph = () => { if (paragraph.length) { out.push(`<p>${inline(paragraph.join(' '))}</p>`); paragraph = []; } };
  const closeList = () => { if (list) { out.push(`</${list}>`); list = null; } };

  for (const raw of lines) {
    const line = raw.trim();
    const ordered = /^\d+[.)]\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (ordered || bullet) {
      flushParagraph();
      const kind = ordered ? 'ol' : 'ul';
      if (list !== kind) { closeList(); out.push(`<${kind}>`); list = kind; }
      out.push(`<li>${inline((ordered ?? bullet)[1])}</li>`);
    } else if (line === '') {
      flushParagraph();
      closeList();
    } else if (list && /^\s{2,}/.test(raw)) {
      // An indented continuation line belongs to the last list item.
      out[out.length - 1] = out[out.length - 1].replace(/<\/li>$/, ` ${inline(line)}</li>`);
    } else {
      closeList();
      paragraph.push(line.replace(/^#{1,6}\s+/, ''));
    }
  }
  flushParagraph();
  closeList();
  return out.join('');
}
