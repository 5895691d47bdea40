"""The one error type that `core` raises for a learner to read."""


class LearnerError(ValueError):
    """A problem with the learner's input, worded so that they can act on it."""
