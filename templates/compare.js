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
