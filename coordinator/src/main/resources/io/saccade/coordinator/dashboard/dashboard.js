'use strict';
// Saccade dashboard: polls /api/state and the newest frame (the colour preview, or the grey thumbnail the decision
// is made on when the node writes no previews); plain JavaScript, no dependencies.
const view = document.getElementById('view').getContext('2d');
const chart = document.getElementById('chart').getContext('2d');
const hopChart = document.getElementById('hopchart').getContext('2d');
const HOP_COLOURS = {RECEIVE: '#8a97a8', DECIDED: '#5ab0ff', DELIVERED: '#3ddc84', INFERENCE_END: '#e0a458',
  RESULT_RECEIVED: '#ff7f7f'};
const picture = new Image();
let shownPicture = '';
let state = null;

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function list(id, items, render) {
  const element = document.getElementById(id);
  element.replaceChildren();
  if (items.length === 0) {
    const none = document.createElement('li');
    none.className = 'muted';
    none.textContent = 'none';
    element.appendChild(none);
  }
  for (const item of items) {
    const li = document.createElement('li');
    render(li, item);
    element.appendChild(li);
  }
}

function quantile(sorted, q) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function drawView() {
  view.imageSmoothingEnabled = picture.naturalWidth >= 320; // a blocky thumbnail is more honest than a blurred one
  view.fillStyle = '#000';
  view.fillRect(0, 0, 640, 480);
  if (picture.complete && picture.naturalWidth > 0) {
    view.drawImage(picture, 0, 0, 640, 480);
  }
  const decision = state && state.decision;
  if (!decision) {
    return;
  }
  view.font = '14px system-ui, sans-serif';
  for (const label of decision.labels) {
    const x = label.box.x0 * 640, y = label.box.y0 * 480;
    const w = (label.box.x1 - label.box.x0) * 640, h = (label.box.y1 - label.box.y0) * 480;
    view.strokeStyle = label.effective ? '#3ddc84' : '#e0a458';
    view.setLineDash(label.effective ? [] : [6, 4]);
    view.lineWidth = 2;
    view.strokeRect(x, y, w, h);
    view.setLineDash([]);
    const caption = label.label + ' ' + label.score.toFixed(2) + ' '
      + Math.round(label.evidenceAgeMicros / 1000) + ' ms';
    view.fillStyle = 'rgba(0,0,0,.6)';
    view.fillRect(x, Math.max(0, y - 18), view.measureText(caption).width + 8, 18);
    view.fillStyle = view.strokeStyle;
    view.fillText(caption, x + 4, Math.max(13, y - 5));
  }
  view.fillStyle = decision.action === 'GO' ? '#3ddc84' : decision.action === 'SLOW' ? '#e0c458' : '#ff5c5c';
  view.font = 'bold 22px system-ui, sans-serif';
  view.fillText(decision.action + '  frame ' + decision.frameSeq, 12, 468);
}

function drawChart(series) {
  chart.fillStyle = '#0b0d10';
  chart.fillRect(0, 0, 640, 220);
  if (series.length < 2) {
    return;
  }
  const decide = series.map(p => p.readyToDecidedMicros / 1000);
  const evidence = series.map(p => p.evidenceAgeMicros < 0 ? NaN : p.evidenceAgeMicros / 1000);
  const top = Math.max(1, ...decide) * 1.1;
  const evidenceTop = Math.max(1, ...evidence.filter(v => !isNaN(v))) * 1.1;
  const line = (values, max, colour) => {
    chart.strokeStyle = colour;
    chart.lineWidth = 1.5;
    chart.beginPath();
    values.forEach((v, i) => {
      if (isNaN(v)) {
        return;
      }
      const x = i * 640 / (values.length - 1), y = 210 - v / max * 200;
      if (i === 0) { chart.moveTo(x, y); } else { chart.lineTo(x, y); }
    });
    chart.stroke();
  };
  line(evidence, evidenceTop, '#e0a458');
  line(decide, top, '#5ab0ff');
  chart.fillStyle = '#8a97a8';
  chart.font = '11px system-ui, sans-serif';
  chart.fillText(top.toFixed(1) + ' ms', 4, 12);
  chart.fillText(evidenceTop.toFixed(0) + ' ms', 590, 12);
  const sorted = decide.slice().sort((a, b) => a - b);
  text('p50', quantile(sorted, 0.5).toFixed(2));
  text('p99', quantile(sorted, 0.99).toFixed(2));
}

function ms(micros) {
  return (Number(micros) / 1000).toFixed(2);
}

function hopName(row) {
  return row.hop.toLowerCase().replace('_', ' ');
}

function drawLedger(ledger) {
  text('uncertainty', Number(ledger.uncertaintyMicros) < 0 ? 'not measured yet'
    : '\u00b1' + ms(ledger.uncertaintyMicros) + ' ms');
  text('unplaced', Number(ledger.unplaced) > 0 ? ledger.unplaced + ' events could not be placed (no offset yet).' : '');
  const table = document.getElementById('hops');
  table.replaceChildren();
  const head = table.insertRow();
  for (const title of ['path', 'hop', 'p50', 'p99', 'step p50', 'step p99', 'frames']) {
    const th = document.createElement('th');
    th.textContent = title;
    head.appendChild(th);
  }
  for (const row of ledger.hops) {
    const tr = table.insertRow();
    tr.insertCell().textContent = row.model || 'decision';
    tr.insertCell().textContent = hopName(row);
    for (const value of [row.atP50, row.atP99, row.stepP50, row.stepP99]) {
      tr.insertCell().textContent = ms(value);
    }
    tr.insertCell().textContent = row.samples;
  }
  hopChart.fillStyle = '#0b0d10';
  hopChart.fillRect(0, 0, 640, 220);
  const lines = ledger.series.map(s => ({
    name: (s.model ? s.model + ' ' : '') + hopName(s),
    colour: HOP_COLOURS[s.hop] || '#dde3ea',
    dashed: s.model !== null && s.hop === 'RECEIVE',
    values: s.micros.map(v => v < 0 ? NaN : v / 1000),
  }));
  const top = Math.max(1, ...lines.flatMap(l => l.values.filter(v => !isNaN(v)))) * 1.1;
  for (const l of lines) {
    hopChart.strokeStyle = l.colour;
    hopChart.lineWidth = 1.5;
    hopChart.setLineDash(l.dashed ? [4, 3] : []);
    hopChart.beginPath();
    let drawing = false;
    l.values.forEach((v, i) => {
      if (isNaN(v)) {
        drawing = false;
        return;
      }
      const x = i * 640 / Math.max(1, l.values.length - 1), y = 210 - v / top * 200;
      if (drawing) { hopChart.lineTo(x, y); } else { hopChart.moveTo(x, y); drawing = true; }
    });
    hopChart.stroke();
  }
  hopChart.setLineDash([]);
  hopChart.fillStyle = '#8a97a8';
  hopChart.font = '11px system-ui, sans-serif';
  hopChart.fillText(top.toFixed(1) + ' ms after capture', 4, 12);
  const legend = document.getElementById('hoplegend');
  legend.replaceChildren();
  for (const l of lines) {
    const item = document.createElement('span');
    item.style.marginRight = '12px';
    item.innerHTML = '<span style="color:' + l.colour + '">&#9632;</span> ';
    item.appendChild(document.createTextNode(l.name));
    legend.appendChild(item);
  }
}

function render() {
  const m = state.membership;
  text('member', m.member);
  text('node', m.node);
  text('leader', m.leader ? m.leader.leader + (m.leading ? ' (this member)' : '') : 'none');
  text('epoch', m.leader ? m.leader.epoch : '-');
  text('frames', state.decisions);
  list('members', m.members, (li, member) => {
    li.textContent = member + (m.leader && m.leader.leader === member ? ' (leader)' : '');
  });
  const counters = document.getElementById('counters');
  counters.replaceChildren();
  for (const [name, value] of Object.entries(state.counters)) {
    const row = counters.insertRow();
    row.insertCell().textContent = name.toLowerCase();
    row.insertCell().textContent = value;
  }
  const d = state.decision;
  if (d) {
    const action = document.getElementById('action');
    action.textContent = d.action;
    action.className = d.action;
    text('reason', d.reason);
    list('labels', d.labels, (li, l) => {
      li.className = 'label' + (l.effective ? '' : ' not-effective');
      li.textContent = l.label + ' ' + l.score.toFixed(2) + ' from ' + l.model + ', frame ' + l.sourceFrameSeq + ', '
        + Math.round(l.evidenceAgeMicros / 1000) + ' ms old, change ' + l.change.toFixed(2)
        + (l.effective ? '' : ' (not effective)');
    });
    list('models', d.models, (li, s) => {
      li.className = s.freshness === 'FRESH' ? 'fresh' : 'stale';
      li.textContent = s.model + ': ' + s.freshness
        + (s.freshness === 'MISSING' ? '' : ', ' + Math.round(s.ageMicros / 1000) + ' ms');
    });
  }
  drawChart(state.series);
  drawLedger(state.ledger);
  drawView();
}

async function poll() {
  try {
    const response = await fetch('api/state', {cache: 'no-store'});
    state = await response.json();
    render();
    const newest = state.previewSeq !== '-1' ? 'api/frame.jpg?seq=' + state.previewSeq
      : 'api/thumbnail.png?seq=' + state.thumbnailSeq;
    if (newest !== shownPicture) {
      shownPicture = newest;
      picture.src = newest;
    }
  } catch (error) {
    text('reason', 'dashboard cannot reach the coordinator: ' + error);
  }
  setTimeout(poll, 250);
}

picture.onload = drawView;
poll();
