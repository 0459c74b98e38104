"""The printable reports: factsheet, voortgang, effect and workshop, built on one kit."""
