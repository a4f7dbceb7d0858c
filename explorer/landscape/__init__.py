"""Model loss landscapes: L(theta + a*d1 + b*d2) of a user's model on its data (Li et al. 2018)."""
