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
