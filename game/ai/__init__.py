"""AI delegations: they see only a PlayerView and the seat's legal actions, decide, explain."""
