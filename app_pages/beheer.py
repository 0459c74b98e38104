"""Beheer: the accounts and their roles, for administrators (see :mod:`ui.beheer_page`)."""

from ui.beheer_page import render_beheer

render_beheer()
