"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("theme");
  if (!button) {
    return;
  }
  button.addEventListener("click", () => {
    document.documentElement.classList.toggle("alt-theme");
  });
});
