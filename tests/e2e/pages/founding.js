// Page behaviour of the test webmail (an adversarial page, in part).
document.getElementById('handler').addEventListener('click', (e) => {
  e.preventDefault();
  window.pageHandlerRan = true;
  location.href = e.currentTarget.href;
});
document.getElementById('swap').addEventListener('mousedown', (e) => {
  e.currentTarget.href = 'https://checkid.ddnsking.com/swapped';
});
