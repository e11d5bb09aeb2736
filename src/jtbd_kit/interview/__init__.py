"""The live interview: a journal of events, the state they rebuild, the Textual app that writes them.

Nothing here imports spaCy or scikit-learn: the app must start in a blink on a laptop.
"""
