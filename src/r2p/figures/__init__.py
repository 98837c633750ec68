"""Pure figure builders (Plotly): data in, a new figure out; used by the pages and the exports alike."""
