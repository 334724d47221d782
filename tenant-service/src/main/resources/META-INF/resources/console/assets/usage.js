// Draws the usage page's charts from the JSON the server wrote into #usage-data (numbers and ISO
// dates only). Chart.js is served from this service: the page needs no internet.
'use strict';

(function drawUsage() {
  const element = document.getElementById('usage-data');
  if (!element || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(element.textContent);
  const labels = data.labels.map((iso) => (data.granularity === 'hour' ? iso.slice(0, 13).replace('T', ' ') + ':00' : iso.slice(0, 10)));
  const mib = (values) => values.map((bytes) => Math.round((bytes / 1048576) * 100) / 100);
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: { y: { beginAtZero: true } },
  };
  const charts = {};
  function draw(id, type, datasets) {
    const canvas = document.getElementById(id);
    if (canvas) {
      charts[id] = new Chart(canvas, { type, data: { labels, datasets }, options: common });
    }
  }
  draw('chart-minutes', 'bar', [
    { label: 'participant-minutes', data: data.participantMinutes.map(Number), backgroundColor: '#0b57d0' },
    { label: 'room-minutes', data: data.roomMinutes.map(Number), backgroundColor: '#8250df' },
  ]);
  draw('chart-peak', 'line', [
    { label: 'peak concurrent participants', data: data.peakConcurrentParticipants, borderColor: '#116329', backgroundColor: '#116329', stepped: true },
  ]);
  draw('chart-bytes', 'bar', [
    { label: 'in (MiB)', data: mib(data.bytesIn), backgroundColor: '#0969da' },
    { label: 'out (MiB)', data: mib(data.bytesOut), backgroundColor: '#bf8700' },
  ]);
  draw('chart-turn', 'bar', [
    { label: 'TURN credentials', data: data.turnCredentialsIssued, backgroundColor: '#cf222e' },
  ]);
  // For tests and curious readers: what each chart holds.
  window.cpaasUsageCharts = Object.fromEntries(Object.entries(charts).map(([id, chart]) =>
    [id, chart.data.datasets.map((set) => ({ label: set.label, data: set.data.slice() }))]));
})();
