// Organ-Seg web chat page. Plain ES module, no framework, no build step. It never sets innerHTML
// from a reply: every piece of bot text becomes DOM text nodes, so a reply cannot inject markup.

const TOKEN_KEY = 'organSeg.token';
const SESSION_KEY = 'organSeg.session';

const log = document.getElementById('log');
const progress = document.getElementById('progress');
const progressNote = document.getElementById('progress-note');
const form = document.getElementById('composer');
const fileInput = document.getElementById('file');
const dropzone = document.getElementById('dropzone');
const chosen = document.getElementById('chosen');
const chosenNames = document.getElementById('chosen-names');
const clearFile = document.getElementById('clear-file');
const question = document.getElementById('question');
const sendButton = document.getElementById('send');
const quizButton = document.getElementById('start-quiz');
const helpButton = document.getElementById('help');

/** The token arrives once as ?token=…; keep it for this tab and take it out of the address bar. */
function takeToken() {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** One random id per tab; crypto.randomUUID needs a secure context, getRandomValues does not. */
function sessionId() {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

const token = takeToken();
const session = sessionId();
let pendingFiles = [];
let busy = false;

function apiHeaders() {
  const headers = { 'content-type': 'application/json', 'x-session-id': session };
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

// ---- rendering -------------------------------------------------------------------------------

/** Light Markdown → DOM: *bold* / **bold**, _italic_, `code`, line breaks. Everything else is text. */
function appendRichText(parent, text) {
  const paragraphs = text.split(/\n{2,}/);
  for (const paragraph of paragraphs) {
    if (paragraph.trim() === '') continue;
    const p = document.createElement('p');
    const lines = paragraph.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) p.appendChild(document.createElement('br'));
      appendInline(p, line);
    });
    parent.appendChild(p);
  }
}

function appendInline(parent, line) {
  const pattern = /\*\*([^*]+)\*\*|\*([^*\n]+)\*|_([^_\n]+)_|`([^`\n]+)`/g;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    if (match.index > last) parent.appendChild(document.createTextNode(line.slice(last, match.index)));
    const [, bold2, bold1, italic, code] = match;
    const el = document.createElement(bold2 || bold1 ? 'strong' : italic ? 'em' : 'code');
    el.textContent = bold2 ?? bold1 ?? italic ?? code;
    parent.appendChild(el);
    last = match.index + match[0].length;
  }
  if (last < line.length) parent.appendChild(document.createTextNode(line.slice(last)));
}

function addMessage(who, kind) {
  const item = document.createElement('li');
  item.className = `message ${who} kind-${kind}`;
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  const label = document.createElement('span');
  label.className = 'who';
  label.textContent = who === 'user' ? 'You' : 'Organ-Seg Bot';
  bubble.appendChild(label);
  item.appendChild(bubble);
  log.appendChild(item);
  return bubble;
}

function scrollToLatest(element) {
  element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function showUserMessage(text, files, buttonLabel) {
  const bubble = addMessage('user', 'message');
  if (buttonLabel) appendRichText(bubble, buttonLabel);
  else if (text) appendRichText(bubble, text);
  for (const file of files) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = `Attached: ${file.name}`;
    bubble.appendChild(p);
    if (file.type === 'image/png' || file.type === 'image/jpeg') {
      const img = document.createElement('img');
      img.className = 'upload-preview';
      img.src = URL.createObjectURL(file);
      img.alt = `Your upload: ${file.name}`;
      bubble.appendChild(img);
    }
  }
  scrollToLatest(bubble);
}

function showVerdict(bubble, answer) {
  if (!answer || answer.letters.length === 0) return;
  const list = document.createElement('ul');
  list.className = 'verdict';
  list.setAttribute('aria-label', 'Answer');
  answer.letters.forEach((letter, i) => {
    const item = document.createElement('li');
    const badge = document.createElement('span');
    badge.className = 'letter';
    badge.textContent = letter;
    const name = document.createElement('span');
    name.className = 'organ-name';
    name.textContent = answer.names[i] ?? '';
    item.append(badge, name);
    list.appendChild(item);
  });
  bubble.appendChild(list);
}

/** Chat platforms get the answer as the reply's first line; here the verdict above already shows it. */
function withoutVerdictLine(text, answer) {
  if (!answer || answer.names.length === 0) return text;
  const [first, ...rest] = text.split('\n');
  const plain = first.replace(/[*_`]/g, '').trim().toLowerCase();
  // Only a line like "*A. Liver*" or "A — Liver, M — Left kidney": it starts with the first letter.
  const startsWithLetter = new RegExp(`^${answer.letters[0].toLowerCase()}\\b`).test(plain);
  const repeatsVerdict =
    startsWithLetter &&
    plain.length < 160 &&
    answer.names.every((name) => plain.includes(name.toLowerCase()));
  return repeatsVerdict ? rest.join('\n') : text;
}

function base64ToBlobUrl(dataUrl) {
  const [head, data] = dataUrl.split(',', 2);
  const type = head.slice(5).split(';')[0];
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type }));
}

function showReply(reply) {
  const bubble = addMessage('bot', reply.kind);
  if (reply.kind === 'error') {
    const title = document.createElement('p');
    title.className = 'error-title';
    title.textContent = '⚠ Could not answer that';
    bubble.appendChild(title);
    bubble.parentElement.setAttribute('role', 'alert');
  }
  showVerdict(bubble, reply.answer);
  appendRichText(bubble, withoutVerdictLine(reply.text, reply.answer));
  const explanation = reply.answer?.explanation;
  if (explanation && !reply.text.includes(explanation)) {
    const p = document.createElement('p');
    p.className = 'explanation';
    p.textContent = explanation;
    bubble.appendChild(p);
  }
  if (reply.slice) {
    const p = document.createElement('p');
    p.className = 'slice-info';
    p.textContent = `Slice ${reply.slice.index + 1} of ${reply.slice.count}`;
    bubble.appendChild(p);
  }
  if (reply.image) {
    const figure = document.createElement('figure');
    figure.className = 'overlay';
    const img = document.createElement('img');
    img.src = reply.image.src;
    img.alt = reply.image.altText;
    img.width = reply.image.width;
    img.height = reply.image.height;
    img.className = 'overlay-image';
    const caption = document.createElement('figcaption');
    const link = document.createElement('a');
    link.href = reply.image.src;
    link.download = reply.image.fileName;
    link.textContent = `Download ${reply.image.fileName}`;
    caption.appendChild(link);
    figure.append(img, caption);
    bubble.appendChild(figure);
  }
  if (reply.files?.length) {
    const list = document.createElement('ul');
    list.className = 'files';
    for (const file of reply.files) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = base64ToBlobUrl(file.src);
      link.download = file.name;
      link.textContent = file.name;
      item.append(link, document.createTextNode(` — ${file.description}`));
      list.appendChild(item);
    }
    bubble.appendChild(list);
  }
  if (reply.buttons?.length) {
    const group = document.createElement('div');
    group.className = 'buttons';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', reply.kind === 'quiz' ? 'Answer choices' : 'Actions');
    for (const spec of reply.buttons) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = spec.label;
      button.dataset.action = spec.action;
      button.dataset.value = spec.value;
      if (spec.style) button.classList.add(spec.style);
      // What a screen reader hears includes what to type instead, as on every other platform.
      button.setAttribute('aria-label', `${spec.label} (or type: ${spec.textEquivalent})`);
      button.title = `Or type: ${spec.textEquivalent}`;
      button.addEventListener('click', () => {
        if (busy) return;
        for (const other of group.querySelectorAll('button')) other.disabled = true;
        button.classList.add('chosen-answer');
        send({ text: '', action: { action: spec.action, value: spec.value }, buttonLabel: spec.label });
      });
      group.appendChild(button);
    }
    bubble.appendChild(group);
  }
  scrollToLatest(bubble);
}

function showError(message) {
  showReply({ kind: 'error', text: message });
}

function setBusy(on, note) {
  busy = on;
  progress.hidden = !on;
  progressNote.textContent = note ?? 'Working…';
  log.setAttribute('aria-busy', on ? 'true' : 'false');
  sendButton.disabled = on;
  quizButton.disabled = on;
  helpButton.disabled = on;
  if (on) scrollToLatest(progress);
}

// ---- sending ---------------------------------------------------------------------------------

function readAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',', 2)[1] ?? '');
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

function randomId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

async function send({ text, files = [], action, buttonLabel }) {
  if (busy) return;
  showUserMessage(text, files, buttonLabel);
  setBusy(true, files.length > 0 ? 'Uploading…' : 'Thinking…');
  try {
    const encoded = await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        contentType: file.type || undefined,
        data: await readAsBase64(file),
      })),
    );
    const response = await fetch('/web/api/messages', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ text, files: encoded, action, messageId: randomId() }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      showError(problem.message ?? `The server answered ${response.status}. Reload the page and try again.`);
      return;
    }
    await readStream(response);
  } catch (error) {
    console.error(error);
    showError('The server could not be reached. Check that organ-seg is still running, then send again.');
  } finally {
    setBusy(false);
  }
}

/** Reads the newline-delimited JSON answer: progress notes, then replies, then done. */
async function readStream(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) handleStreamEvent(JSON.parse(line));
      newline = buffered.indexOf('\n');
    }
    if (done) break;
  }
}

function handleStreamEvent(event) {
  if (event.type === 'progress') progressNote.textContent = event.note;
  else if (event.type === 'reply') showReply(event.reply);
}

function attach(files) {
  pendingFiles = Array.from(files);
  chosen.hidden = pendingFiles.length === 0;
  chosenNames.textContent = pendingFiles.map((f) => f.name).join(', ');
}

// ---- wiring ----------------------------------------------------------------------------------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (!text && pendingFiles.length === 0) {
    question.focus();
    showError('Type a question or add a file first.');
    return;
  }
  const files = pendingFiles;
  question.value = '';
  attach([]);
  fileInput.value = '';
  send({ text, files });
});

question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

fileInput.addEventListener('change', () => attach(fileInput.files ?? []));
clearFile.addEventListener('click', () => {
  attach([]);
  fileInput.value = '';
  fileInput.focus();
});

quizButton.addEventListener('click', () => send({ text: 'quiz' }));
helpButton.addEventListener('click', () => send({ text: 'help' }));

for (const type of ['dragenter', 'dragover']) {
  dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add('dragging');
  });
}
for (const type of ['dragleave', 'drop']) {
  dropzone.addEventListener(type, () => dropzone.classList.remove('dragging'));
}
dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  if (event.dataTransfer?.files.length) attach(event.dataTransfer.files);
  question.focus();
});
// A file dropped anywhere else would make the browser navigate away from the chat.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  if (event.dataTransfer?.files.length) attach(event.dataTransfer.files);
});

// Replies that arrive later (a quiz round ending) come over Server-Sent Events.
function listen() {
  const params = new URLSearchParams({ session });
  if (token) params.set('token', token);
  const events = new EventSource(`/web/api/events?${params}`);
  events.addEventListener('reply', (event) => showReply(JSON.parse(event.data)));
}
listen();
document.documentElement.dataset.ready = 'true';
