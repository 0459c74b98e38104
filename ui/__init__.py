"""Streamlit glue for the bw dashboard: cached store access, i18n, sidebar and render helpers."""
