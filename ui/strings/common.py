"""Strings shared by several pages' widgets."""

NL = {"select.many": "Kies een of meer", "select.one": "Kies er een"}
EN = {"select.many": "Choose one or more", "select.one": "Choose one"}
