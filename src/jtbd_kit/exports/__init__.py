"""Exports to the tools researchers already use: REFI-QDA (ATLAS.ti, NVivo, MAXQDA) and Excel."""
