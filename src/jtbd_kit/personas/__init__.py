"""Personas: coded interviews grouped by their job, described, saved; and the saturation curve."""
