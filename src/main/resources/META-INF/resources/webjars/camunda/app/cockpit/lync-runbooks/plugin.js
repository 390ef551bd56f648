// lync-runbooks: the manager's views inside Cockpit (Camunda 7.14+ frontend plugin API).
// Two links in Cockpit's top bar, two full pages (routes) and a dashboard tile. The pages read the application's
// API /api/manager/* with the Cockpit session (no second login); managers and administrators only.

const API = new URL('../../../../api/manager/', import.meta.url).href;
const PAGE_SIZE = 15;
const TIMELINE = '/lync/recovery-timeline';
const CATALOG = '/lync/backup-catalog';

const STYLE = `
.lync-view { padding: 18px 24px 60px; color: #333; }
.lync-view h1 { font-size: 22px; margin: 0 0 4px; font-weight: 400; }
.lync-view h2 { font-size: 17px; margin: 26px 0 8px; font-weight: 400; }
.lync-view .lync-sub { color: #666; margin-bottom: 14px; }
.lync-view table { width: 100%; border-collapse: collapse; background: #fff; margin-bottom: 8px; }
.lync-view th { text-align: left; font-weight: 600; font-size: 12px; color: #555; border-bottom: 2px solid #ddd; padding: 6px 8px; white-space: nowrap; }
.lync-view td { border-bottom: 1px solid #eee; padding: 6px 8px; font-size: 13px; vertical-align: top; }
.lync-view tr.lync-row { cursor: pointer; }
.lync-view tr.lync-row:hover td { background: #f5f8fb; }
.lync-view tr.lync-selected td { background: #e8f0f8; }
.lync-view .lync-badge { display: inline-block; padding: 1px 7px; border-radius: 3px; font-size: 11px; font-weight: 600; color: #fff; background: #777; white-space: nowrap; }
.lync-view .lync-ok { background: #3c8b3c; }
.lync-view .lync-bad { background: #b5152b; }
.lync-view .lync-warn { background: #c77700; }
.lync-view .lync-info { background: #1f6ea8; }
.lync-view .lync-muted { color: #888; }
.lync-view .lync-facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
.lync-view .lync-fact { background: #fff; border: 1px solid #ddd; border-radius: 3px; padding: 8px 12px; min-width: 150px; }
.lync-view .lync-fact > b { display: block; font-size: 11px; color: #666; font-weight: 600; text-transform: uppercase; }
.lync-view .lync-fact > span { font-size: 15px; }
.lync-view td.lync-rpo, .lync-view td.lync-rto, .lync-view td.lync-nowrap { white-space: nowrap; }
.lync-view td.lync-rpo .lync-muted, .lync-view td.lync-rto .lync-muted { display: block; font-size: 11px; }
.lync-view .lync-pager { margin: 6px 0 14px; color: #666; }
.lync-view .lync-pager button { margin-right: 6px; }
.lync-view .lync-bar { height: 14px; background: #e6e6e6; border-radius: 3px; overflow: hidden; margin: 6px 0; max-width: 520px; }
.lync-view .lync-bar div { height: 100%; background: #1f6ea8; }
.lync-view .lync-run { background: #fff; border: 1px solid #ddd; border-left: 4px solid #1f6ea8; padding: 10px 14px; margin-bottom: 10px; }
.lync-view .lync-error { color: #b5152b; margin: 10px 0; }
.lync-view td.lync-drill { max-width: 420px; }
.lync-view td.lync-drill .lync-muted { display: block; font-size: 11px; }
.lync-view .lync-estimate { display: block; font-size: 11px; color: #555; }
`;

/** A long text cut for a table cell, the whole of it in the tooltip. */
function short(value, max = 160) {
  const text = String(value ?? '');
  if (text.length <= max) return esc(text);
  return `<span title="${esc(text)}">${esc(text.slice(0, max))}… <span class="lync-muted">(${text.length - max} more characters)</span></span>`;
}

function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** ISO-8601 duration (PT1H2M3.5S, P1DT2H) to the second: "1 d 02 h 00 min 00 s", "1 h 02 min 03 s", "3 s". */
function duration(iso) {
  if (!iso) return '–';
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (!m) return iso;
  let seconds = (+(m[2] || 0)) * 86400 + (+(m[3] || 0)) * 3600 + (+(m[4] || 0)) * 60 + Math.floor(+(m[5] || 0));
  const sign = m[1] ? '−' : '';
  const d = Math.floor(seconds / 86400); seconds -= d * 86400;
  const h = Math.floor(seconds / 3600); seconds -= h * 3600;
  const min = Math.floor(seconds / 60); const s = seconds - min * 60;
  const p2 = n => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d} d ${p2(h)} h ${p2(min)} min ${p2(s)} s`;
  if (h > 0) return `${sign}${h} h ${p2(min)} min ${p2(s)} s`;
  if (min > 0) return `${sign}${min} min ${p2(s)} s`;
  return `${sign}${s} s`;
}

/** A measured machine time: tenths of a second below ten seconds (a lab's restores take less than one). */
function machineTime(iso) {
  const m = /^PT(?:([\d.]+)S)$/.exec(iso || '');
  return m && +m[1] < 10 ? `${(+m[1]).toFixed(1)} s` : duration(iso);
}

function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const p = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n; let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

function badge(text, kind) {
  return `<span class="lync-badge lync-${kind}">${esc(text)}</span>`;
}

/** A figure against its target: a green or red badge when it counts (met is true or false); plain when it does not
 * (met is null: a recovery that was stopped or not approved achieved nothing to hold against a target). */
function target(achieved, targetIso, met) {
  if (!achieved) return '<span class="lync-muted">–</span>';
  if (met === null || met === undefined) {
    return `<span class="lync-plain">${esc(duration(achieved))}</span> <span class="lync-muted">not recovered: no target applies</span>`;
  }
  return `${badge(duration(achieved), met ? 'ok' : 'bad')} <span class="lync-muted">target ${esc(duration(targetIso))}</span>`;
}

async function get(path) {
  const response = await fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response.json();
}

function pager(page, onPage) {
  const first = page.total === 0 ? 0 : page.page * page.size + 1;
  const last = page.page * page.size + page.items.length;
  const div = document.createElement('div');
  div.className = 'lync-pager';
  div.innerHTML = `<button class="btn btn-default btn-sm" data-go="-1" ${page.page === 0 ? 'disabled' : ''}>&larr; Newer</button>`
    + `<button class="btn btn-default btn-sm" data-go="1" ${last >= page.total ? 'disabled' : ''}>Older &rarr;</button>`
    + `<span class="lync-page-info">${first}–${last} of ${page.total}</span>`;
  div.querySelectorAll('button').forEach(b => b.addEventListener('click', () => onPage(page.page + Number(b.dataset.go))));
  return div;
}

function view(node, title, subtitle) {
  node.innerHTML = `<style>${STYLE}</style><div class="lync-view"><h1>${esc(title)}</h1>`
    + `<div class="lync-sub">${subtitle}</div><div class="lync-body"></div></div>`;
  return node.querySelector('.lync-body');
}

// ------------------------------------------------------------------------------------------- recovery timeline

const FAILOVER_STATE = { running: ['running', 'info'], done: ['done', 'ok'], 'rebuild-chosen': ['rebuild chosen', 'warn'],
  stopped: ['stopped', 'warn'] };

const RECOVERY_STATE = { running: ['running', 'info'], recovered: ['recovered', 'ok'], ended: ['ended without recovery', 'warn'] };

function renderTimeline(node) {
  const body = view(node, 'Recovery timeline',
    'Every recovery of a Lync server (<code>lync-server-recovery</code>), newest first, and the pool failovers beside them. Click a recovery to see each step: '
    + 'who did it, when it became ready, how long it waited, when it was claimed or started and when it was done.');
  const state = { page: 0, selected: null, alive: true, timer: null, estimates: null };
  const machine = document.createElement('div');
  const failovers = document.createElement('div');
  const list = document.createElement('div');
  const detail = document.createElement('div');
  body.append(machine, failovers, list, detail);

  /** Pool failovers and failbacks beside the recoveries, with RTO and RPO against Microsoft's own targets. */
  async function loadFailovers() {
    let runs;
    try {
      runs = await get('failovers?max=20');
    } catch (e) {
      if (state.alive) failovers.innerHTML = `<div class="lync-error">Cannot read the failovers: ${esc(e.message)}</div>`;
      return;
    }
    if (!state.alive) return;
    if (runs.length === 0) { failovers.innerHTML = ''; return; }
    const rows = runs.map(f => `<tr class="lync-failover-row" data-id="${esc(f.id)}">
        <td>${badge(f.kind, 'info')}</td>
        <td><b>${esc(f.pool)}</b>${f.backupPool ? `<br><span class="lync-muted">backup pool ${esc(f.backupPool)}</span>` : ''}
          <br><span class="lync-muted">${short(f.incidentReference || '', 60)}</span></td>
        <td>${badge(...(FAILOVER_STATE[f.state] || [f.state, 'info']))}</td>
        <td class="lync-nowrap">${esc(time(f.startedAt))}</td><td class="lync-nowrap">${esc(time(f.endedAt))}</td>
        <td class="lync-rpo">${f.kind === 'failover' ? target(f.rpo, f.rpoTarget, f.rpoMet) : '<span class="lync-muted">–</span>'}</td>
        <td class="lync-rto">${target(f.rto, f.rtoTarget, f.rtoMet)}</td>
        <td class="lync-rto">${f.cmsRto ? target(f.cmsRto, f.cmsTarget, f.cmsRtoMet) : '<span class="lync-muted">not moved</span>'}</td></tr>`).join('');
    failovers.innerHTML = `<h2>Pool failovers and failbacks</h2>
      <div class="lync-sub">Paired pools (<code>lync-pool-failover</code>, <code>lync-pool-failback</code>), newest first, against
      Microsoft's targets: a pool in 30 minutes with at most 30 minutes of data lost, the Central Management store in 5 minutes.</div>
      <table class="lync-failovers"><thead><tr><th>Kind</th><th>Pool</th><th>State</th><th>Started</th><th>Finished</th>
      <th>RPO (data lost)</th><th>RTO (so far)</th><th>CMS failover</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  /** The newest passed restore drill's machine-time estimates per server, next to the RTO target. */
  async function loadEstimates() {
    try {
      state.estimates = await get('drills/estimates');
    } catch (e) {
      state.estimates = null;
    }
    if (!state.alive) return;
    const e = state.estimates;
    if (!e) {
      machine.innerHTML = '<p class="lync-muted lync-machine-time">No restore drill has passed yet: no measured restore time to estimate a recovery\'s machine time from.</p>';
      return;
    }
    const rows = e.estimates.filter(x => x.items.length > 0).map(x => `<tr class="lync-estimate-row" data-server="${esc(x.server)}">
        <td><b>${esc(x.server)}</b></td><td>${esc(x.procedure)} — ${esc(x.title)}</td>
        <td class="lync-nowrap">${badge('≈ ' + machineTime(x.machineTime), 'info')} <span class="lync-muted">RTO target ${esc(duration(e.rtoTarget))}</span></td></tr>`).join('');
    machine.innerHTML = `<h2>Machine time from the newest proven set</h2>
      <div class="lync-sub lync-machine-time">Restore times measured by the drill of set <b>${esc(e.setId)}</b> (${esc(time(e.drilledAt))}), per recovery
      procedure: what the restores alone take; people's steps come on top. RTO target ${esc(duration(e.rtoTarget))}.</div>
      <table class="lync-estimates"><thead><tr><th>Failed server</th><th>Procedure</th><th>Machine time</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  function estimateFor(server) {
    const e = state.estimates;
    const x = e && e.estimates.find(y => y.server === server && y.items.length > 0);
    return x ? `<span class="lync-estimate">machine time ≈ ${esc(machineTime(x.machineTime))} (drill of ${esc(e.setId)})</span>` : '';
  }

  async function loadList() {
    try {
      const page = await get(`recoveries?page=${state.page}&size=${PAGE_SIZE}`);
      if (!state.alive) return;
      if (state.selected === null && page.items.length > 0) state.selected = page.items[0].recoveryId;
      const rows = page.items.map(r => `<tr class="lync-row ${r.recoveryId === state.selected ? 'lync-selected' : ''}" data-id="${esc(r.recoveryId)}">
          <td><b>${esc(r.failedServerFqdn)}</b><br><span class="lync-muted">${short(r.incidentReference || '', 60)}</span></td>
          <td>${esc(r.procedure || '–')}</td>
          <td>${esc(r.backupSetId || '–')}</td>
          <td>${badge(...RECOVERY_STATE[r.state])}${r.waitingAt.length ? `<br><span class="lync-muted">waiting at ${esc(r.waitingAt.join(', '))}</span>` : ''}</td>
          <td class="lync-nowrap">${esc(time(r.startedAt))}</td><td class="lync-nowrap">${esc(time(r.endedAt))}</td>
          <td class="lync-rpo">${target(r.rpo, r.rpoTarget, r.rpoMet)}</td>
          <td class="lync-rto">${target(r.rto, r.rtoTarget, r.rtoMet)}${estimateFor(r.failedServerFqdn)}</td>
          <td>${r.escalations ? badge(r.escalations, 'warn') : '0'}</td></tr>`).join('');
      list.innerHTML = page.total === 0 ? '<p class="lync-muted">No recovery has been started yet.</p>'
        : `<table class="lync-recoveries"><thead><tr><th>Failed server</th><th>Procedure</th><th>Backup set</th><th>State</th>
           <th>Started</th><th>Finished</th><th>RPO (data lost)</th><th>RTO (so far)</th><th>Escalations</th></tr></thead>
           <tbody>${rows}</tbody></table>`;
      if (page.total > 0) list.append(pager(page, p => { state.page = p; state.selected = null; refresh(); }));
      list.querySelectorAll('tr.lync-row').forEach(tr => tr.addEventListener('click', () => {
        state.selected = tr.dataset.id; refresh();
      }));
    } catch (e) {
      list.innerHTML = `<div class="lync-error">Cannot read the recoveries: ${esc(e.message)}</div>`;
    }
  }

  async function loadDetail() {
    if (!state.selected) { detail.innerHTML = ''; return; }
    try {
      const d = await get(`recoveries/${encodeURIComponent(state.selected)}`);
      if (!state.alive) return;
      const s = d.summary; const r = d.report;
      const steps = r.steps.map((step, i) => `<tr class="lync-step">
          <td>${i + 1}</td><td><b>${esc(step.name || step.activityId)}</b><br><span class="lync-muted">${esc(step.process)}</span></td>
          <td>${step.kind === 'manual' ? badge('person', 'info') : badge('automated', 'ok')}</td>
          <td class="lync-who">${esc(step.who || '–')}${step.candidateGroups ? `<br><span class="lync-muted">${esc(step.candidateGroups)}</span>` : ''}</td>
          <td>${esc(time(step.readyAt))}</td><td>${esc(step.kind === 'manual' ? duration(step.waited) : '–')}</td>
          <td>${esc(time(step.claimedAt || (step.kind === 'manual' ? null : step.readyAt)))}</td>
          <td>${step.doneAt ? esc(time(step.doneAt)) : badge('open', 'warn')}</td><td>${esc(duration(step.took))}</td></tr>`).join('');
      const decisions = r.decisions.map(x => `<tr class="lync-decision"><td>${esc(x.kind)}</td><td>${short(x.outcome, 120)}</td><td>${esc(x.who || '–')}</td>
          <td class="lync-nowrap">${esc(time(x.at))}</td><td>${short(x.reason || '')}</td></tr>`).join('');
      detail.innerHTML = `<h2 class="lync-detail-title">${esc(s.failedServerFqdn)} — ${esc(s.procedure || 'being assessed')}</h2>
        <p><a class="lync-report-download" href="${esc(API + 'recoveries/' + encodeURIComponent(s.recoveryId) + '/report')}" download>Download the recovery report (JSON)</a></p>
        <div class="lync-facts">
          <div class="lync-fact"><b>State</b><span>${badge(...RECOVERY_STATE[s.state])}</span></div>
          <div class="lync-fact"><b>RPO (data lost)</b><span>${target(s.rpo, s.rpoTarget, s.rpoMet)}</span></div>
          <div class="lync-fact"><b>RTO ${s.endedAt ? '' : 'so far'}</b><span>${target(s.rto, s.rtoTarget, s.rtoMet)}</span></div>
          <div class="lync-fact"><b>Backup set used</b><span>${esc(s.backupSetId || '–')}</span><br><span class="lync-muted">completed ${esc(time(r.setCompletedAt))}</span></div>
          <div class="lync-fact"><b>Incident</b><span>${short(s.incidentReference || '–', 60)}</span><br><span class="lync-muted">at ${esc(time(r.incidentTime))}</span></div>
          <div class="lync-fact"><b>Escalations</b><span>${s.escalations}</span></div>
        </div>
        <table class="lync-steps"><thead><tr><th>#</th><th>Step</th><th>Kind</th><th>Who</th><th>Ready</th><th>Waited</th>
          <th>Claimed / started</th><th>Done</th><th>Took</th></tr></thead><tbody>${steps}</tbody></table>
        ${decisions ? `<h2>Decisions, send-backs and escalations</h2><table class="lync-decisions"><thead><tr><th>Decision</th><th>Outcome</th><th>Who</th><th>When</th><th>Reason</th></tr></thead><tbody>${decisions}</tbody></table>` : ''}`;
    } catch (e) {
      detail.innerHTML = `<div class="lync-error">Cannot read recovery ${esc(state.selected)}: ${esc(e.message)}</div>`;
    }
  }

  async function refresh() {
    await loadEstimates();
    await loadFailovers();
    await loadList();
    await loadDetail();
  }
  refresh();
  state.timer = setInterval(refresh, 10000);
  return () => { state.alive = false; clearInterval(state.timer); };
}

// --------------------------------------------------------------------------------------------- backup catalog

const SET_STATUS = {
  PUBLISHED: ['published', 'ok'], IN_PROGRESS: ['in progress', 'info'], PARTIAL: ['partial', 'warn'],
  ABANDONED: ['abandoned', 'warn'], FAILED_VERIFICATION: ['failed verification', 'bad']
};

const DRILL_STATE = {
  PASSED: ['proven restorable', 'ok'], FAILED: ['drill failed', 'bad'], INTERRUPTED: ['drill interrupted', 'bad'],
  RUNNING: ['drilling', 'info']
};

/** The catalog's restore drill cell: proven restorable (when, how long the restores took) or the drill's failure. */
function drillCell(d) {
  if (!d) return '<span class="lync-muted">not drilled</span>';
  const [label, kind] = DRILL_STATE[d.state];
  if (d.state === 'PASSED') {
    return `${badge(label, kind)} <span class="lync-muted">${esc(time(d.finishedAt))}, restores took ${esc(machineTime(d.restoreTime))}`
      + `${d.verifiedOnly ? `, ${d.verifiedOnly} verified only (larger than lync.drill.max-size)` : ''}</span>`;
  }
  if (d.state === 'RUNNING') {
    return `${badge(label, kind)} <span class="lync-muted">${d.itemsDone} of ${d.itemCount} items</span>`;
  }
  const why = d.failing.length ? d.failing.join(' · ') : (d.summary || '');
  return `${badge(label, kind)} <span class="lync-muted">${esc(time(d.finishedAt || d.startedAt))}</span>`
    + `<span class="lync-drill-failure">${esc(why.length > 400 ? why.substring(0, 400) + '…' : why)}</span>`;
}

function renderCatalog(node) {
  const body = view(node, 'Backup catalog',
    'Every backup set on the backup share, newest first, and whether a restore drill proved it restorable. Runs in '
    + 'progress refresh every few seconds.');
  const state = { page: 0, alive: true, timer: null };

  async function load() {
    try {
      const o = await get(`backup-sets?page=${state.page}&size=${PAGE_SIZE}`);
      const ids = o.sets.items.map(s => s.setId);
      const [drills, drillOverview] = await Promise.all([
        ids.length ? get(`drills/sets?ids=${encodeURIComponent(ids.join(','))}`) : Promise.resolve({}),
        get('drills?page=0&size=1')]);
      if (!state.alive) return;
      const proven = drillOverview.newestProven;
      const provenFact = proven
        ? `${badge(proven.tooOld ? 'too old' : 'proven', proven.tooOld ? 'bad' : 'ok')}
           <span class="lync-newest-proven">${esc(proven.setId)}</span>, drilled ${esc(time(proven.provenAt))}
           — <b>${esc(duration(proven.age))}</b> old (at most ${esc(duration(drillOverview.maxAge))})`
        : `${badge('none', drillOverview.newestDrill ? 'bad' : 'warn')} no set proven restorable yet`;
      const newest = o.newestGoodSetId
        ? `${badge(o.newestGoodSetTooOld ? 'too old' : 'fresh', o.newestGoodSetTooOld ? 'bad' : 'ok')}
           <span class="lync-newest-set">${esc(o.newestGoodSetId)}</span>, completed ${esc(time(o.newestGoodSetCompletedAt))}
           — <b>${esc(duration(o.newestGoodSetAge))}</b> old (at most ${esc(duration(o.maxAge))})`
        : `${badge('none', 'bad')} no good published set yet`;
      const runs = o.sets.items.filter(s => s.progress).map(s => {
        const p = s.progress;
        const pct = p.itemsTotal ? Math.round(100 * p.itemsDone / p.itemsTotal) : 0;
        return `<div class="lync-run" data-set="${esc(s.setId)}"><b>Run ${esc(s.setId)}</b> — ${badge(...SET_STATUS[s.status])}
          <div class="lync-bar"><div style="width:${pct}%"></div></div>
          <span class="lync-items">${p.itemsDone} of ${p.itemsTotal} items done</span>${p.itemsFailed ? `, ${badge(p.itemsFailed + ' failed', 'bad')}` : ''}
          · <span class="lync-bytes">${esc(bytes(p.bytesCopied))}</span> copied${p.bytesExpected && p.bytesExpected > p.bytesCopied ? ` of about ${esc(bytes(p.bytesExpected))}` : ''}
          · running for ${esc(duration(p.elapsed))}
          · <span class="lync-eta">${p.waitingFor ? esc(p.waitingFor) : p.estimatedRemaining ? 'about ' + esc(duration(p.estimatedRemaining)) + ' left' : 'time left not known yet'}</span>
          </div>`;
      }).join('');
      const rows = o.sets.items.map(s => `<tr class="lync-set" data-set="${esc(s.setId)}">
          <td><b>${esc(s.setId)}</b>${s.current ? ' ' + badge('CURRENT', 'info') : ''}</td>
          <td class="lync-status">${badge(...SET_STATUS[s.status])}</td>
          <td class="lync-nowrap">${esc(time(s.startedAt))}</td><td class="lync-nowrap">${esc(time(s.completedAt))}</td>
          <td>${s.itemCount ?? '–'}</td><td>${s.fileCount ?? '–'}</td><td class="lync-nowrap">${esc(bytes(s.bytes))}</td>
          <td class="lync-drill">${drillCell(drills[s.setId])}</td>
          <td>${esc(s.problem || '')}${s.verifiedAt ? `<br><span class="lync-muted">verified ${esc(time(s.verifiedAt))}</span>` : ''}</td></tr>`).join('');
      body.innerHTML = `<div class="lync-facts">
          <div class="lync-fact"><b>Newest good set</b><span>${newest}</span></div>
          <div class="lync-fact"><b>Schedule</b><span><code>${esc(o.schedule)}</code> — every ${esc(duration(o.scheduleInterval))}</span><br>
            <span class="lync-muted">next run ${esc(time(o.nextRun))}</span></div>
          <div class="lync-fact"><b>Newest set proven restorable</b><span>${provenFact}</span><br>
            <span class="lync-muted">next drill ${esc(time(drillOverview.nextRun))}</span></div>
          <div class="lync-fact"><b>Sets on the share</b><span>${o.sets.total}</span></div></div>
        ${runs ? `<h2>In progress</h2>${runs}` : ''}
        <h2>Sets</h2>
        ${o.sets.total === 0 ? '<p class="lync-muted">The backup share holds no set yet.</p>'
          : `<table class="lync-sets"><thead><tr><th>Set</th><th>Status</th><th>Started</th><th>Completed</th><th>Items</th>
             <th>Files</th><th>Size</th><th>Restore drill</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`}`;
      if (o.sets.total > 0) body.append(pager(o.sets, p => { state.page = p; load(); }));
    } catch (e) {
      body.innerHTML = `<div class="lync-error">Cannot read the backup catalog: ${esc(e.message)}</div>`;
    }
  }
  load();
  state.timer = setInterval(load, 3000);
  return () => { state.alive = false; clearInterval(state.timer); };
}

// ---------------------------------------------------------------------------------------------------- plugins

function link(id, label, path, priority) {
  return {
    id,
    pluginPoint: 'cockpit.navigation',
    priority,
    render: node => { node.innerHTML = `<a href="#${path}">${esc(label)}</a>`; },
    properties: { path, label, pagePath: `#${path}`, checkActive: url => url.indexOf(`#${path}`) !== -1 }
  };
}

function route(id, path, render) {
  let stop = null;
  return {
    id,
    pluginPoint: 'cockpit.route',
    properties: { path, label: id },
    render: node => { stop = render(node); },
    unmount: () => { if (stop) stop(); stop = null; }
  };
}

const tile = {
  id: 'lync-runbooks-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 5,
  render: node => {
    node.innerHTML = `<section class="dashboard-row"><h3 class="section-title">Lync runbooks</h3>
      <div class="lync-tile">Loading…</div></section>`;
    const tileBody = node.querySelector('.lync-tile');
    Promise.all([get('backup-sets?page=0&size=1'), get('recoveries?page=0&size=5'), get('drills?page=0&size=1')])
      .then(([sets, recoveries, drills]) => {
      const running = recoveries.items.filter(r => r.state === 'running').length;
      const proven = drills.newestProven;
      const newestDrill = drills.newestDrill;
      tileBody.innerHTML = `<p>Newest good backup set: <b>${esc(sets.newestGoodSetId || 'none')}</b>
          ${sets.newestGoodSetId ? `(${esc(duration(sets.newestGoodSetAge))} old, ${sets.newestGoodSetTooOld ? 'too old' : 'fresh'})` : ''}
          — <a href="#${CATALOG}">Backup catalog</a></p>
        <p>Newest set proven restorable: <b class="lync-tile-proven">${esc(proven ? proven.setId : 'none')}</b>
          ${newestDrill && (newestDrill.state === 'FAILED' || newestDrill.state === 'INTERRUPTED')
            ? `— the newest restore drill (set ${esc(newestDrill.setId)}) ${newestDrill.state === 'FAILED' ? 'failed' : 'did not finish'}` : ''}</p>
        <p>Recoveries: ${recoveries.total} in all, ${running} of the newest running — <a href="#${TIMELINE}">Recovery timeline</a></p>`;
    }).catch(e => { tileBody.textContent = 'The manager views are for lync-managers and administrators (' + e.message + ').'; });
  }
};

export default [
  link('lync-recovery-timeline-link', 'Recovery timeline', TIMELINE, 40),
  link('lync-backup-catalog-link', 'Backup catalog', CATALOG, 39),
  route('lync-recovery-timeline', TIMELINE, renderTimeline),
  route('lync-backup-catalog', CATALOG, renderCatalog),
  tile
];
