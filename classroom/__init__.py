"""The classroom: trainers, classes, seats with a persona of their own, the live
dashboard, one-click scenarios, hints and resets. It sits above ``issuance`` and
``accounts``; nothing below imports it."""
