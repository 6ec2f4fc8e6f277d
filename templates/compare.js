// Progressive enhancement for the level comparison: without JS each level is shown against the one
// below it; with JS two pickers choose any pair of one track. Inlined with a CSP hash, so it must
// stay self-contained.
(function () {
  var picker = document.getElementById('compare-picker');
  var from = document.getElementById('compare-from');
  var to = document.getElementById('compare-to');
  var status = document.getElementById('compare-status');
  if (!picker || !from || !to) return;
  var pairs = document.querySelectorAll('section[data-pair]');
  var track = function (value) { return value.split('-')[0]; };
  function find(a, b) {
    for (var i = 0; i < pairs.length; i++) {
      var f = pairs[i].getAttribute('data-from');
      var t = pairs[i].getAttribute('data-to');
      if ((f === a && t === b) || (f === b && t === a)) return pairs[i];
    }
    return null;
  }
  function show(pair) {
    for (var i = 0; i < pairs.length; i++) pairs[i].hidden = pairs[i] !== pair;
    if (status) {
      status.textContent = pair
        ? ''
        : from.value === to.value
          ? 'Choose two different levels.'
          : track(from.value) !== track(to.value)
            ? 'These levels are in different tracks: choose two levels of one track.'
            : 'This pair is not compared on this page.';
    }
  }
  function select(el, value) {
    for (var i = 0; i < el.options.length; i++) if (el.options[i].value === value) el.selectedIndex = i;
  }
  // A level of another track in the other picker: move it to this level's neighbour in the same track.
  function follow(changed, other) {
    if (track(changed.value) === track(other.value) && changed.value !== other.value) return;
    var i = changed.selectedIndex;
    var next = changed.options[i + 1];
    var prev = changed.options[i - 1];
    var pick = next && track(next.value) === track(changed.value) ? next : prev;
    if (pick) select(other, pick.value);
  }
  function update(changed, other) {
    follow(changed, other);
    var pair = find(from.value, to.value);
    show(pair);
    if (pair && history.replaceState) history.replaceState(null, '', '#' + pair.id);
  }
  // The pair named in the address (a reload, a shared link, a link within the page), else the first.
  function fromHash() {
    var wanted = document.getElementById(location.hash.slice(1));
    return wanted && wanted.hasAttribute('data-pair') ? wanted : null;
  }
  function open(pair) {
    select(from, pair.getAttribute('data-from'));
    select(to, pair.getAttribute('data-to'));
    show(pair);
  }
  var first = fromHash() || pairs[0];
  if (!first) return;
  from.addEventListener('change', function () { update(from, to); });
  to.addEventListener('change', function () { update(to, from); });
  window.addEventListener('hashchange', function () {
    var pair = fromHash();
    if (pair) open(pair);
  });
  picker.hidden = false;
  open(first);
})();

// What changed in a ladder: two pickers narrow the page to the releases after one version up to
// another ("what changed since mine"). Without JS every release is shown.
(function () {
  var picker = document.getElementById('release-picker');
  var since = document.getElementById('release-since');
  var until = document.getElementById('release-until');
  var status = document.getElementById('release-status');
  if (!picker || !since || !until) return;
  var sections = document.querySelectorAll('section[data-release]');
  function order(name) {
    for (var i = 0; i < sections.length; i++) if (sections[i].getAttribute('data-release') === name) return Number(sections[i].getAttribute('data-order'));
    return 0;
  }
  function update() {
    var low = since.value ? order(since.value) : 0;
    var high = order(until.value);
    var shown = 0;
    for (var i = 0; i < sections.length; i++) {
      var o = Number(sections[i].getAttribute('data-order'));
      sections[i].hidden = !(o > low && o <= high);
      if (!sections[i].hidden) shown++;
    }
    if (status) status.textContent = shown ? '' : 'No release after ' + since.value + ' up to ' + until.value + ': choose an earlier "since" or a later "up to".';
  }
  since.addEventListener('change', update);
  until.addEventListener('change', update);
  picker.hidden = false;
  update();
})();

// Check a downloaded PDF, in the browser and offline: read the release the file names (its Info
// dictionary, as `ladder verify` does), hash it, and compare with this release's files and ladders,
// which the page lists in two tables. The file never leaves the browser; results are set as text.
(function () {
  var input = document.getElementById('verify-file');
  var out = document.getElementById('verify-result');
  var form = document.getElementById('verify-form');
  if (!input || !out || !form) return;
  var current = form.getAttribute('data-version');
  function table(id) {
    var map = {};
    var t = document.getElementById(id);
    if (!t) return map;
    var trs = t.querySelectorAll('tbody tr');
    for (var i = 0; i < trs.length; i++) map[trs[i].cells[0].textContent.trim()] = trs[i].cells[1].textContent.trim();
    return map;
  }
  var sums = table('release-files');
  var hashes = table('release-ladders');
  function latin1(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return s;
  }
  function body(text, n) {
    var re = new RegExp('(?:^|[\\r\\n\\s])' + n + '\\s+0\\s+obj\\b', 'g');
    var start = -1;
    var m;
    while ((m = re.exec(text))) start = m.index + m[0].length;
    if (start < 0) return null;
    var end = text.indexOf('endobj', start);
    return end < 0 ? null : text.slice(start, end);
  }
  function decode(raw) {
    if (raw.charCodeAt(0) === 0xfe && raw.charCodeAt(1) === 0xff) {
      var s = '';
      for (var i = 2; i + 1 < raw.length; i += 2) s += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1));
      return s;
    }
    return raw;
  }
  function literal(s) {
    var raw = '';
    var depth = 0;
    var esc = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    for (var i = s.indexOf('(') + 1; i < s.length; i++) {
      var c = s[i];
      if (c === '\\') {
        var d = s[++i] || '';
        if (esc[d] !== undefined) raw += esc[d];
        else if (/[0-7]/.test(d)) {
          var oct = d;
          while (oct.length < 3 && /[0-7]/.test(s[i + 1] || '')) oct += s[++i];
          raw += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (d !== '\r' && d !== '\n') raw += d;
      } else if (c === '(') { depth++; raw += c; }
      else if (c === ')') { if (depth === 0) break; depth--; raw += c; }
      else raw += c;
    }
    return decode(raw);
  }
  function info(text) {
    if (text.slice(0, 5) !== '%PDF-') return null;
    var trailer = text.lastIndexOf('trailer');
    var ref = trailer < 0 ? null : /\/Info\s+(\d+)\s+0\s+R/.exec(text.slice(trailer, trailer + 4096));
    var dict = ref && body(text, ref[1]);
    if (!dict) return null;
    var out = {};
    var re = /\/([A-Za-z]+)\s*(\d+)\s+0\s+R/g;
    var m;
    while ((m = re.exec(dict))) {
      var value = body(text, m[2]);
      if (value && value.trim().charAt(0) === '(') out[m[1]] = literal(value.trim());
    }
    return out;
  }
  function hex(buffer) {
    var b = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  function say(verdict, lines, kind) {
    out.textContent = '';
    out.className = 'verify-result verify-' + kind;
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = verdict;
    p.appendChild(strong);
    out.appendChild(p);
    var ul = document.createElement('ul');
    for (var i = 0; i < lines.length; i++) {
      var li = document.createElement('li');
      li.textContent = lines[i];
      ul.appendChild(li);
    }
    if (lines.length) out.appendChild(ul);
  }
  function judge(name, meta, sha) {
    if (!meta || !meta.LadderId || !/^v\d+\.\d+\.\d+/.test(meta.LadderVersion || '')) {
      return say('Not a ladder release PDF.', [name + ' names no ladder release in its document properties.'], 'not-release');
    }
    var what = meta.LadderId === '*' ? 'all ladders' : 'ladder ' + meta.LadderId;
    var facts = [name + ': ' + what + ', release ' + meta.LadderVersion + (meta.LadderReleaseDate ? ' of ' + meta.LadderReleaseDate : '') + (meta.LadderSourceCommit ? ', commit ' + meta.LadderSourceCommit.slice(0, 12) : '') + '.'];
    var file = meta.LadderFile || name;
    if (meta.LadderVersion === current) {
      if (sums[file] === undefined) return say('Not published: release ' + current + ' has no file ' + file + '.', facts, 'modified');
      if (sums[file] !== sha) return say('Modified: the bytes differ from ' + file + ' as published in ' + current + '.', facts.concat(['SHA-256 ' + sha.slice(0, 16) + '…, published ' + sums[file].slice(0, 16) + '….']), 'modified');
      return say('Current and intact: as published in ' + current + '.', facts, 'current');
    }
    var same = meta.LadderId !== '*' && hashes[meta.LadderId] !== undefined && meta.LadderContentHash === 'sha256:' + hashes[meta.LadderId];
    facts.push('This site is release ' + current + '; the bytes of an earlier release are checked with its own SHA256SUMS (ladder verify).');
    if (same) return say('Still current: release ' + current + ' has the same source for this ladder.', facts, 'current');
    say('Superseded: ' + current + ' is the current release' + (meta.LadderId !== '*' && hashes[meta.LadderId] === undefined ? ', and it no longer has this ladder.' : ', and it changes this ladder.'), facts, 'superseded');
    // Links only to a ladder this release has: the id comes from the file, which may be anything.
    if (hashes.hasOwnProperty(meta.LadderId)) {
      var next = document.createElement('p');
      var links = [[meta.LadderId + '.pdf', 'Download the current PDF']];
      if (form.getAttribute('data-changes') === 'true') links.push([meta.LadderId + '.changes.html', 'what changed since ' + meta.LadderVersion]);
      for (var i = 0; i < links.length; i++) {
        var a = document.createElement('a');
        a.href = links[i][0];
        a.textContent = links[i][1];
        if (i) next.appendChild(document.createTextNode(' · '));
        next.appendChild(a);
      }
      out.appendChild(next);
    }
  }
  form.hidden = false;
  input.addEventListener('change', function () {
    var f = input.files && input.files[0];
    if (!f) return;
    f.arrayBuffer()
      .then(function (buffer) {
        return crypto.subtle.digest('SHA-256', buffer).then(function (digest) {
          judge(f.name, info(latin1(new Uint8Array(buffer))), hex(digest));
        });
      })
      .catch(function (e) {
        say('Could not read the file.', [String(e && e.message ? e.message : e)], 'not-release');
      });
  });
})();
