"""Pure figure builders (Plotly and pydeck): data in, a new figure out; used by the pages and the exports alike."""
