// Progressive enhancement for the level comparison: without JS every adjacent pair is shown in turn;
// with JS a picker shows one pair at a time. Inlined with a CSP hash, so it must stay self-contained.
(function () {
  var picker = document.getElementById('compare-picker');
  var select = document.getElementById('compare-pair');
  if (!picker || !select) return;
  var pairs = document.querySelectorAll('section[data-pair]');
  function show(id) {
    for (var i = 0; i < pairs.length; i++) pairs[i].hidden = pairs[i].id !== id;
  }
  var wanted = location.hash.slice(1);
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === wanted) select.selectedIndex = i;
  }
  select.addEventListener('change', function () {
    show(select.value);
    if (history.replaceState) history.replaceState(null, '', '#' + select.value);
  });
  picker.hidden = false;
  show(select.value);
})();
