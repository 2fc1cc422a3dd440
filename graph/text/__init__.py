"""Text over the graph: Swedish-aware analysis (analysis), the bundled source texts and their
pages (documents), ranked search (search) and alignment suggestions from the text (suggest).

`samsyn.graph.search` and `samsyn.graph.suggest` are the public entry points."""
