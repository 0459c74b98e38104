"""bw: the brede welvaart dashboard's domain package (store, model, demo, methods, CLI).

This package never imports Streamlit; the UI lives in ``app.py``, ``app_pages/`` and ``ui/``.
"""

__version__ = "0.1.0"
