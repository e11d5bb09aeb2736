"""Reviewing the machine's codes: the researcher's verdict, and how far the draft can be trusted.

The Textual app lives in `jtbd_kit.review.app` (imported only by `jtbd review`); the store side
is in `jtbd_kit.store.segments` (review_segment, segments_to_review, accept_all).
"""
