"""The learner's side of a class: joining, the wallet, the trainer's messages and hints."""
