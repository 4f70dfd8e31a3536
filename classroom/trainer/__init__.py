"""The trainer's pages: classes, the live dashboard, a learner's detail, the actions."""
