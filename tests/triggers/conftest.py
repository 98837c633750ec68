"""The review-free demo warehouse the review tests use, shared with the trigger-run tests."""

from tests.reviews.conftest import unreviewed

__all__ = ["unreviewed"]
