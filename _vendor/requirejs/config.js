/* Resolve the widget manager's AMD modules (and so its webpack public path, where it fetches its
   icon fonts) to the copy served with the book instead of to the page's own folder. */
(function () {
  var here = document.currentScript.src;
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": new URL("../html-manager", here).href,
      // @jupyter-widgets/base, /controls, /output: bundled in embed-amd.js, same public path.
      "@jupyter-widgets": new URL("../html-manager", here).href
    }
  });
})();
