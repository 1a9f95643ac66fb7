// The Lightstream page: opens the server's stream (a WebSocket at /stream, or WebTransport when the
// page is asked to), decodes the Arrow IPC stream as it arrives with Apache Arrow JS, and shows the
// schema, a live row count, the first rows and a chart of the first numeric column.
import { RecordBatchReader, DataType } from 'apache-arrow';

const PREVIEW_ROWS = 20;
const CHART_POINTS = 500;
const $ = (id) => document.getElementById(id);

function setState(state, text) {
  document.body.dataset.state = state;
  $('status').textContent = text;
}

/** The bytes of the WebSocket's binary messages, as an async iterable of Uint8Array. */
function webSocketBytes(url, counters) {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const chunks = [];
  let wake = null;
  let finished = false;
  let failure = null;
  const notify = () => { if (wake) { const w = wake; wake = null; w(); } };
  ws.onmessage = (event) => {
    if (typeof event.data === 'string') {
      failure = new Error('the server sent a text message; expected binary Arrow IPC');
      ws.close(1003);
    } else {
      counters.bytes += event.data.byteLength;
      chunks.push(new Uint8Array(event.data));
    }
    notify();
  };
  ws.onerror = () => { failure = failure || new Error('the WebSocket failed (' + url + ')'); notify(); };
  ws.onclose = (event) => {
    if (event.code !== 1000 && event.code !== 1005 && !failure) {
      failure = new Error('the WebSocket closed with status ' + event.code + (event.reason ? ' (' + event.reason + ')' : ''));
    }
    finished = true;
    notify();
  };
  return {
    async *[Symbol.asyncIterator]() {
      while (true) {
        if (chunks.length > 0) { yield chunks.shift(); continue; }
        if (failure) throw failure;
        if (finished) return;
        await new Promise((resolve) => { wake = resolve; });
      }
    },
  };
}

/** The bytes of the first bidirectional stream the page opens on a WebTransport session. */
function webTransportBytes(url, hash, counters) {
  return {
    async *[Symbol.asyncIterator]() {
      const options = hash ? { serverCertificateHashes: [{ algorithm: 'sha-256', value: hexBytes(hash) }] } : {};
      const transport = new WebTransport(url, options);
      await transport.ready;
      const stream = await transport.createBidirectionalStream();
      await stream.writable.getWriter().close(); // we send nothing: the server answers with the table
      const reader = stream.readable.getReader();
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        counters.bytes += value.byteLength;
        yield value;
      }
      transport.close();
    },
  };
}

function hexBytes(hex) {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.substr(i * 2, 2), 16);
  return bytes;
}

function format(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (value instanceof Uint8Array) return '0x' + Array.from(value.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('') + (value.length > 16 ? '…' : '');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const plain = typeof value.toJSON === 'function' ? value.toJSON() : value;
    return JSON.stringify(plain, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(value);
}

function showSchema(schema) {
  const list = $('schema');
  list.replaceChildren();
  for (const field of schema.fields) {
    const item = document.createElement('li');
    item.textContent = field.name + ': ' + String(field.type) + (field.nullable ? '' : ' not null');
    list.appendChild(item);
  }
  const head = document.createElement('tr');
  for (const field of schema.fields) {
    const th = document.createElement('th');
    th.textContent = field.name;
    head.appendChild(th);
  }
  $('preview').tHead.replaceChildren(head);
}

function addRows(batch, state) {
  const body = $('preview').tBodies[0];
  for (let i = 0; i < batch.numRows && state.previewed < PREVIEW_ROWS; i++, state.previewed++) {
    const tr = document.createElement('tr');
    for (let c = 0; c < batch.numCols; c++) {
      const td = document.createElement('td');
      const text = format(batch.getChildAt(c).get(i));
      if (text === null) { td.textContent = 'null'; td.className = 'null'; } else { td.textContent = text; }
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

/** The column to chart: the first floating-point one, else the first integer one, else none (-1). */
function numericColumn(schema) {
  const float = schema.fields.findIndex((f) => DataType.isFloat(f.type));
  return float >= 0 ? float : schema.fields.findIndex((f) => DataType.isInt(f.type));
}

function addPoints(batch, column, points) {
  const vector = batch.getChildAt(column);
  for (let i = 0; i < batch.numRows && points.length < CHART_POINTS; i++) {
    const v = vector.get(i);
    points.push(v === null || v === undefined ? null : Number(v));
  }
}

function drawChart(points) {
  const svg = $('chart');
  const w = 640, h = 200, pad = 28;
  const values = points.filter((v) => v !== null && Number.isFinite(v));
  svg.replaceChildren();
  if (values.length === 0) return;
  const min = Math.min(...values), max = Math.max(...values);
  const span = max - min || 1;
  const x = (i) => pad + (i * (w - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (v) => h - pad - ((v - min) * (h - 2 * pad)) / span;
  const ns = 'http://www.w3.org/2000/svg';
  const path = [];
  points.forEach((v, i) => { if (v !== null && Number.isFinite(v)) path.push((path.length ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1)); });
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', path.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#2f6fdf');
  line.setAttribute('stroke-width', '1.5');
  svg.appendChild(line);
  for (const [text, yy] of [[String(max), pad], [String(min), h - pad]]) {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '2');
    label.setAttribute('y', String(yy + 4));
    label.setAttribute('font-size', '10');
    label.textContent = text;
    svg.appendChild(label);
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  const kind = params.get('transport') === 'wt' ? 'wt' : 'ws';
  $('transport').value = kind;
  $('transport').onchange = () => { params.set('transport', $('transport').value); location.search = params.toString(); };
  const counters = { bytes: 0 };
  let source;
  if (kind === 'wt') {
    const url = params.get('url') || ('https://' + location.hostname + ':' + (params.get('port') || location.port) + '/stream');
    $('endpoint').textContent = url;
    source = webTransportBytes(url, params.get('hash'), counters);
  } else {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + (params.get('path') || '/stream');
    $('endpoint').textContent = url;
    source = webSocketBytes(url, counters);
  }
  setState('connecting', 'connecting…');
  const reader = await RecordBatchReader.from(source);
  await reader.open();
  showSchema(reader.schema);
  setState('streaming', 'streaming…');
  const column = numericColumn(reader.schema);
  $('chart-title').textContent = column >= 0 ? '(' + reader.schema.fields[column].name + ', first ' + CHART_POINTS + ' rows)' : '(no numeric column)';
  const state = { rows: 0, batches: 0, previewed: 0 };
  const points = [];
  for await (const batch of reader) {
    state.rows += batch.numRows;
    state.batches += 1;
    $('rows').textContent = String(state.rows);
    $('batches').textContent = String(state.batches);
    $('bytes').textContent = String(counters.bytes);
    if (state.previewed < PREVIEW_ROWS) addRows(batch, state);
    if (column >= 0 && points.length < CHART_POINTS) { addPoints(batch, column, points); drawChart(points); }
  }
  $('bytes').textContent = String(counters.bytes);
  setState('done', 'done: ' + state.rows + ' rows in ' + state.batches + ' batches');
}

main().catch((error) => {
  console.error(error);
  setState('error', 'error: ' + (error && error.message ? error.message : String(error)));
});
