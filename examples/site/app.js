// Writes into the page, so a browser test can tell the script ran, which path it was served
// for (a single-page-app route serves index.html for /app/...), and whether the image loaded.
(function () {
  document.getElementById("script-output").textContent = "Hello from app.js, served by Walrus Sites!";
  document.getElementById("path").textContent = window.location.pathname;
  var img = document.getElementById("logo");
  var status = document.getElementById("image-status");
  function loaded() {
    status.textContent = "The image has loaded (" + img.naturalWidth + "x" + img.naturalHeight + ").";
    status.className = "loaded";
    document.body.setAttribute("data-image-loaded", "true");
  }
  if (img.complete && img.naturalWidth > 0) {
    loaded();
  } else {
    img.addEventListener("load", loaded);
    img.addEventListener("error", function () {
      status.textContent = "The image failed to load.";
      document.body.setAttribute("data-image-loaded", "false");
    });
  }
})();
