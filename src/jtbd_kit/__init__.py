"""jtbd-kit: Jobs-To-Be-Done switch interviews, from guide to journey map.

Data flows guide -> interview -> transcript -> store -> coding -> personas -> journey -> exports.
"""

__version__ = "0.1.0"
