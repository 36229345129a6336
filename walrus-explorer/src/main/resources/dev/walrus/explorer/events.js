// Adds ledger events to the events table as the explorer's live feed sends them. Cells are filled
// with textContent, never innerHTML: event fields come from the ledger and are not trusted.
(function () {
  var table = document.getElementById('events');
  if (!table || !window.EventSource) { return; }
  var body = table.tBodies[0];
  var type = table.dataset.type;
  var url = '/events/stream?after=' + encodeURIComponent(table.dataset.after)
      + (type ? '&type=' + encodeURIComponent(type) : '');
  var live = document.getElementById('live');
  var source = new EventSource(url);
  var MAX_ROWS = 500;
  source.addEventListener('open', function () { if (live) { live.textContent = 'Live: new events appear at the top.'; } });
  source.addEventListener('error', function () { if (live) { live.textContent = 'Live feed interrupted; reconnecting…'; } });
  source.addEventListener('ledger', function (message) {
    var e = JSON.parse(message.data);
    var row = document.createElement('tr');
    row.className = 'new';
    [String(e.sequence), new Date(e.timestampMs).toISOString(), e.type].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
    var fields = document.createElement('td');
    var code = document.createElement('code');
    code.textContent = JSON.stringify(e.fields);
    fields.appendChild(code);
    row.appendChild(fields);
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > MAX_ROWS) { body.deleteRow(body.rows.length - 1); }
  });
})();
