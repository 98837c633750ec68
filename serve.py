"""The dashboard's server, as `make run` starts it: `streamlit run serve.py` (every `streamlit run` flag applies).

It serves app.py. Before it answers a request, it runs the Overview once with no browser (r2p/ui/warm_up.py), so
the first visit after a start finds the imports, the warehouse reads and the shapes in memory.
"""

import streamlit as st

from r2p.ui.warm_up import warm_caches

app = st.App("app.py", lifespan=warm_caches)
