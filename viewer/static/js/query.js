/* The SPARQL editor: CodeMirror 5 (sparql mode) over the form's textarea. Without JavaScript
   the textarea and the form work the same. Ctrl/Cmd-Enter runs the query. */
(function () {
  "use strict";
  var area = document.getElementById("query-text");
  if (!area || typeof CodeMirror === "undefined") { return; }
  var form = document.getElementById("query-form");
  var editor = CodeMirror.fromTextArea(area, {
    mode: "application/sparql-query",
    lineNumbers: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    extraKeys: {
      "Ctrl-Enter": function () { editor.save(); form.submit(); },
      "Cmd-Enter": function () { editor.save(); form.submit(); }
    }
  });
  window.samsynEditor = editor;
  form.addEventListener("submit", function () {
    editor.save();
    // the saved query's name stays only while its text is unchanged, so its parameters still apply
  });
})();
