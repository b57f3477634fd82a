"""Numeric core: pure functions on numpy arrays, vectorised over a leading group axis.

Nothing here knows about scales, tallies or estimates; the layers above call these with
plain arrays. Proportions are fractions (0..1) and NPS is a difference of fractions
(-1..1) at this level; the metric layer converts to the reported unit.
"""
