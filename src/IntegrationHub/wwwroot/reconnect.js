// The reconnect banner's button (Dashboard/ReconnectBanner.razor): a reload once the circuit cannot be resumed.
document.addEventListener('click', e => {
  if (e.target instanceof Element && e.target.matches('#components-reconnect-modal [data-reload]')) {
    location.reload();
  }
});
